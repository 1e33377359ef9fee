using OpenTelemetry.Trace;

namespace Connector.Telemetry;

/// <summary>
/// Records at most a given number of root traces a second, a second's worth at once (a token bucket refilled
/// continuously). Azure Monitor's exporter has its own (internal to it); this is LocalHost's, used as the root of a
/// <see cref="ParentBasedSampler"/> so that a trace's later hops follow the root's decision.
/// </summary>
public sealed class RateLimitedSampler : Sampler
{
    private readonly double _perSecond;
    private readonly double _capacity;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _refilledAt;

    public RateLimitedSampler(double perSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        _perSecond = perSecond;
        _capacity = Math.Max(1, perSecond);
        _clock = clock;
        _tokens = perSecond == 0 ? 0 : _capacity;
        _refilledAt = clock.GetTimestamp();
        Description = $"RateLimitedSampler{{{perSecond}/s}}";
    }

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        new(TryTake() ? SamplingDecision.RecordAndSample : SamplingDecision.Drop);

    private bool TryTake()
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + _clock.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond);
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
