using Microsoft.Extensions.Options;

namespace Sandbox.Webhooks;

/// <summary>The delivery settings in force: start from <c>Sandbox:Webhooks</c>, changed at runtime by PUT /_admin/webhooks/settings.</summary>
public sealed class WebhookSettings(IOptions<SandboxOptions> options)
{
    private readonly Lock _gate = new();
    private Snapshot _current = FromOptions(options.Value.Webhooks);

    public static readonly IReadOnlyList<int> RetryScheduleSeconds = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400];

    public sealed record Snapshot(double RetryScale, int TimeoutMs, bool Enabled, bool Blocklist, int BlocklistWindowMs, int BlocklistMs, int BlocklistMinRequests);

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Delay before attempt <paramref name="nextAttempt"/> (2 = first retry).</summary>
    public TimeSpan RetryDelay(int nextAttempt) =>
        TimeSpan.FromSeconds(RetryScheduleSeconds[nextAttempt - 2] * Current.RetryScale);

    public Snapshot Update(double? retryScale, int? timeoutMs, bool? enabled, bool? blocklist = null, int? blocklistWindowMs = null, int? blocklistMs = null, int? blocklistMinRequests = null)
    {
        lock (_gate)
        {
            _current = new Snapshot(
                retryScale ?? _current.RetryScale, timeoutMs ?? _current.TimeoutMs, enabled ?? _current.Enabled,
                blocklist ?? _current.Blocklist, blocklistWindowMs ?? _current.BlocklistWindowMs, blocklistMs ?? _current.BlocklistMs,
                blocklistMinRequests ?? _current.BlocklistMinRequests);
            return _current;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _current = FromOptions(options.Value.Webhooks);
        }
    }

    private static Snapshot FromOptions(WebhookOptions o) => new(o.RetryScale, o.TimeoutMs, o.Enabled, o.Blocklist, o.BlocklistWindowMs, o.BlocklistMs, o.BlocklistMinRequests);
}
