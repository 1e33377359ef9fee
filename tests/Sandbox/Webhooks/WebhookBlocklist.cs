namespace Sandbox.Webhooks;

/// <summary>
/// The blocklist of https-webhook-overview.mdx, per destination host and port (the sandbox has one
/// client, and on loopback the port is what tells receivers apart): answers are counted over a
/// sliding window; once it holds the minimum number, a success ratio under 90% blocks the
/// destination for a while, and the window starts over.
/// </summary>
public sealed class WebhookBlocklist(WebhookSettings settings, TimeProvider clock)
{
    public const double MinimumSuccessRatio = 0.9;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Domain> _domains = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Domain
    {
        public Queue<(DateTimeOffset At, bool Success)> Window { get; } = new();
        public DateTimeOffset BlockedUntil { get; set; }
        public Dictionary<string, (int Count, long Timestamp)> Reasons { get; } = new(StringComparer.Ordinal);
    }

    /// <param name="Destination">Host and port.</param>
    /// <param name="TimeLeft">Seconds, rounded up.</param>
    public sealed record Blocked(string Destination, int TimeLeft, IReadOnlyList<Reason> Reasons);

    public sealed record Reason(string FailureDescription, int Count, long Timestamp);

    public bool IsBlocked(string destination)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return _domains.TryGetValue(WebhookDestinations.Domain(destination), out var d) && d.BlockedUntil > now;
        }
    }

    /// <summary>Counts an answer (or its absence). True if it just got the destination blocked.</summary>
    public bool Record(string destination, bool success, string? failure)
    {
        var s = settings.Current;
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var key = WebhookDestinations.Domain(destination);
            if (!_domains.TryGetValue(key, out var d))
            {
                d = new Domain();
                _domains[key] = d;
            }
            while (d.Window.Count > 0 && now - d.Window.Peek().At > TimeSpan.FromMilliseconds(s.BlocklistWindowMs))
            {
                d.Window.Dequeue();
            }
            d.Window.Enqueue((now, success));
            if (!success)
            {
                var reason = failure ?? "failed";
                d.Reasons[reason] = (d.Reasons.GetValueOrDefault(reason).Count + 1, now.ToUnixTimeSeconds());
            }
            if (d.BlockedUntil > now || d.Window.Count < s.BlocklistMinRequests)
            {
                return false;
            }
            var ratio = d.Window.Count(a => a.Success) / (double)d.Window.Count;
            if (ratio >= MinimumSuccessRatio)
            {
                return false;
            }
            d.BlockedUntil = now + TimeSpan.FromMilliseconds(s.BlocklistMs);
            d.Window.Clear();
            return true;
        }
    }

    public IReadOnlyList<Blocked> Current()
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return _domains
                .Where(p => p.Value.BlockedUntil > now)
                .Select(p => new Blocked(
                    p.Key,
                    (int)Math.Ceiling((p.Value.BlockedUntil - now).TotalSeconds),
                    p.Value.Reasons.Select(r => new Reason(r.Key, r.Value.Count, r.Value.Timestamp)).ToList()))
                .ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _domains.Clear();
        }
    }
}
