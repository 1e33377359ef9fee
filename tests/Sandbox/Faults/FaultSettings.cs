namespace Sandbox.Faults;

public enum FaultTarget { BigCommerce, BackOffice, Login, KeyVault }

/// <summary>
/// What to do to requests of one target (PUT /_admin/faults/{target}). Rates are shares of
/// requests (0..1) drawn from one roll, so they don't overlap and must sum to at most 1:
/// errorRate 0.2 + dropRate 0.1 means 20 % errors, 10 % drops, 70 % untouched.
/// </summary>
/// <param name="ErrorRate">500, 502 or 503 at random, with a JSON or an HTML body at random.</param>
/// <param name="TooManyRequestsRate">429 with rate-limit headers advertising <paramref name="RetryAfterMs"/>.</param>
/// <param name="LatencyMs">Added to every non-admin request of the target before anything else happens.</param>
/// <param name="DropRate">Connection aborted before any response.</param>
/// <param name="TimeoutRate">Hangs <paramref name="TimeoutMs"/> (or until the client gives up), then 504.</param>
/// <param name="LostResponseRate">Processed normally, then the connection is aborted: the side effect
/// happened but the client never hears of it (the case idempotency keys exist for).</param>
/// <param name="MaxFaults">Stop injecting after this many faults (latency excluded); null = no limit.
/// With a rate of 1 this makes "the next N requests fail" deterministic.</param>
/// <param name="RetryAfterMs">X-Rate-Limit-Time-Reset-Ms (and Retry-After) on injected 429s.</param>
public sealed record FaultSettings(
    double ErrorRate = 0,
    double TooManyRequestsRate = 0,
    int LatencyMs = 0,
    double DropRate = 0,
    double TimeoutRate = 0,
    double LostResponseRate = 0,
    int? MaxFaults = null,
    int TimeoutMs = 30_000,
    int RetryAfterMs = 1_000)
{
    public static FaultSettings None { get; } = new();

    public IEnumerable<string> Validate()
    {
        double[] rates = [ErrorRate, TooManyRequestsRate, DropRate, TimeoutRate, LostResponseRate];
        if (rates.Any(r => double.IsNaN(r) || r < 0 || r > 1))
        {
            yield return "Rates must be between 0 and 1.";
        }
        if (rates.Sum() > 1.000001)
        {
            yield return "Rates are shares of one roll and must sum to at most 1.";
        }
        if (LatencyMs < 0 || TimeoutMs <= 0 || RetryAfterMs < 0)
        {
            yield return "latencyMs and retryAfterMs must be >= 0, timeoutMs > 0.";
        }
        if (MaxFaults is < 0)
        {
            yield return "maxFaults must be >= 0.";
        }
    }
}

public static class FaultTargetNames
{
    public static bool TryParse(string? text, out FaultTarget target)
    {
        foreach (var candidate in Enum.GetValues<FaultTarget>())
        {
            if (string.Equals(candidate.Key(), text, StringComparison.OrdinalIgnoreCase))
            {
                target = candidate;
                return true;
            }
        }
        target = default;
        return false;
    }

    public static string Key(this FaultTarget target) => target switch
    {
        FaultTarget.BigCommerce => "bigcommerce",
        FaultTarget.BackOffice => "backoffice",
        FaultTarget.Login => "login",
        FaultTarget.KeyVault => "keyvault",
        _ => throw new ArgumentOutOfRangeException(nameof(target)),
    };

    public static string AllKeys => string.Join(", ", Enum.GetValues<FaultTarget>().Select(t => $"'{t.Key()}'"));
}
