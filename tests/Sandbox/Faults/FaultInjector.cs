namespace Sandbox.Faults;

/// <summary>
/// Decides, per request, whether to delay, fail, drop or hang it, and carries it out. The
/// target-specific part (what an error or a 429 looks like) comes from an <see cref="IFaultResponder"/>.
/// Admin endpoints never pass through here.
/// </summary>
public sealed class FaultInjector(IHostApplicationLifetime lifetime)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<FaultTarget, FaultSettings> _settings =
        Enum.GetValues<FaultTarget>().ToDictionary(t => t, _ => FaultSettings.None);
    private readonly Dictionary<FaultTarget, int?> _remaining = new();
    private readonly Dictionary<FaultTarget, FaultCounters> _counters =
        Enum.GetValues<FaultTarget>().ToDictionary(t => t, _ => new FaultCounters());

    /// <summary>Set on a request whose answer will be lost after it is carried out, for endpoints that record whether their client knew.</summary>
    public const string LostResponseItem = "sandbox.fault.lostResponse";

    public sealed record Status(string Target, FaultSettings Settings, int? RemainingFaults, IReadOnlyDictionary<string, long> Injected);

    public Status Get(FaultTarget target)
    {
        lock (_gate)
        {
            return new Status(target.Key(), _settings[target], _remaining.GetValueOrDefault(target), _counters[target].Snapshot());
        }
    }

    public void Set(FaultTarget target, FaultSettings settings)
    {
        lock (_gate)
        {
            _settings[target] = settings;
            _remaining[target] = settings.MaxFaults;
        }
    }

    public void Clear(FaultTarget target) => Set(target, FaultSettings.None);

    /// <summary>Faults injected on this target since start or the last reset, whatever store they hit.</summary>
    public FaultCounters Counters(FaultTarget target) => _counters[target];

    public void Reset()
    {
        foreach (var target in Enum.GetValues<FaultTarget>())
        {
            Clear(target);
            _counters[target].Reset();
        }
    }

    /// <param name="extraCounters">A second tally to update, e.g. the store's own stats.</param>
    public async ValueTask<object?> InvokeAsync(
        FaultTarget target,
        HttpContext http,
        IFaultResponder responder,
        FaultCounters? extraCounters,
        Func<ValueTask<object?>> next)
    {
        var (settings, outcome) = Decide(target);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);

        if (settings.LatencyMs > 0)
        {
            Count(target, extraCounters, FaultKind.Latency);
            if (!await Delay(settings.LatencyMs, cancel.Token))
            {
                return Results.Empty;
            }
        }

        switch (outcome)
        {
            case FaultKind.Drop:
                Count(target, extraCounters, outcome.Value);
                http.Abort();
                return Results.Empty;

            case FaultKind.Timeout:
                Count(target, extraCounters, outcome.Value);
                // Hang until the client gives up; a shutting-down sandbox must not wait the full time.
                return await Delay(settings.TimeoutMs, cancel.Token)
                    ? responder.Error(http, StatusCodes.Status504GatewayTimeout, html: false)
                    : Results.Empty;

            case FaultKind.TooManyRequests:
                Count(target, extraCounters, outcome.Value);
                return responder.TooManyRequests(http, settings.RetryAfterMs);

            case FaultKind.Error:
                Count(target, extraCounters, outcome.Value);
                int[] statuses = [StatusCodes.Status500InternalServerError, StatusCodes.Status502BadGateway, StatusCodes.Status503ServiceUnavailable];
                return responder.Error(http, statuses[Random.Shared.Next(statuses.Length)], html: Random.Shared.Next(2) == 0);

            case FaultKind.LostResponse:
                http.Items[LostResponseItem] = true;
                await next();
                Count(target, extraCounters, outcome.Value);
                http.Abort();
                return Results.Empty;

            default:
                return await next();
        }
    }

    private (FaultSettings Settings, FaultKind? Outcome) Decide(FaultTarget target)
    {
        lock (_gate)
        {
            var s = _settings[target];
            if (_remaining.GetValueOrDefault(target) is <= 0)
            {
                return (s, null);
            }

            var roll = Random.Shared.NextDouble();
            FaultKind? outcome = null;
            foreach (var (kind, rate) in new[]
            {
                (FaultKind.Drop, s.DropRate),
                (FaultKind.Timeout, s.TimeoutRate),
                (FaultKind.TooManyRequests, s.TooManyRequestsRate),
                (FaultKind.Error, s.ErrorRate),
                (FaultKind.LostResponse, s.LostResponseRate),
            })
            {
                if (roll < rate)
                {
                    outcome = kind;
                    break;
                }
                roll -= rate;
            }

            if (outcome is not null && _remaining.GetValueOrDefault(target) is { } left)
            {
                _remaining[target] = left - 1;
            }
            return (s, outcome);
        }
    }

    private void Count(FaultTarget target, FaultCounters? extra, FaultKind kind)
    {
        _counters[target].Add(kind);
        extra?.Add(kind);
    }

    /// <returns>False when cancelled (client gone or sandbox stopping).</returns>
    private static async Task<bool> Delay(int milliseconds, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(milliseconds, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>What a failing instance of one target looks like on the wire.</summary>
public interface IFaultResponder
{
    IResult Error(HttpContext http, int status, bool html);

    IResult TooManyRequests(HttpContext http, int retryAfterMs);
}
