namespace Connector.BigCommerce;

/// <summary>What one BigCommerce answer said about the store's quota, and when it was seen.</summary>
public sealed record QuotaObservation(DateTimeOffset SeenAt, int? Left, int? Quota, TimeSpan? TimeToReset, bool RateLimited, TimeSpan? Window = null);

/// <summary>A claim's outcome: requests granted (0: none now), until when they are good, and when to ask again if none.</summary>
public sealed record QuotaGrant(int Granted, DateTimeOffset ValidUntil, DateTimeOffset? RetryAt);

/// <summary>
/// A store's current quota window as every process of the connector shares it: BigCommerce's quota belongs to the store
/// (and every app on it), so requests are handed out from one account per window however many instances send them. A
/// pure decision: the state and what a claim or an answer makes of it; <see cref="SharedQuota"/> keeps it in a table.
/// <list type="bullet">
/// <item>Until an answer has told the quota, one request at a time probes (per window).</item>
/// <item>Otherwise a claim gets at most what is left of the quota less the reserve, and, once an answer said how many
/// requests were left, at most that less the reserve and less what was granted since (the smallest "left" in a window
/// is the truest, because answers arrive out of order and other apps spend too).</item>
/// <item>A 429 closes the window until the reset it names (BigCommerce says exactly when to ask again; under platform load
/// that is sooner than the window's end), and no later answer reopens or extends it. The window ends when the answers say it resets; until one has said so, a window's length
/// (as answers told it; a second before any did) after it began; past its end the next claim opens a new one.</item>
/// </list>
/// </summary>
public sealed record QuotaWindow(
    DateTimeOffset StartedAt, DateTimeOffset EndsAt, bool EndKnown, int? Quota, int Granted, int? Left, int GrantedAtLeft, TimeSpan? Length = null,
    bool Closed = false)
{
    /// <summary>How long a window is assumed to last before any answer has said when it resets.</summary>
    public static readonly TimeSpan Provisional = TimeSpan.FromSeconds(1);

    /// <summary>How often to ask again while a probe's answer is awaited.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A window that began at the latest now: it ends no earlier than a whole window from now, which is later than the
    /// real end (safe: quota is never handed out early) until an answer says when it resets.
    /// </summary>
    public static QuotaWindow Opening(DateTimeOffset now, int? quota, TimeSpan? length = null) =>
        new(now, now + (length ?? Provisional), false, quota, 0, null, 0, length);

    /// <summary>What may still be granted in this window.</summary>
    public int Available(int reserve)
    {
        if (Quota is not int quota)
        {
            return Granted == 0 ? 1 : 0;
        }

        var available = quota - reserve - Granted;
        if (Left is int left)
        {
            available = Math.Min(available, left - reserve - (Granted - GrantedAtLeft));
        }

        return Math.Max(0, available);
    }

    /// <summary>Applies what answers said, then grants up to <paramref name="wanted"/> requests.</summary>
    public (QuotaWindow Window, QuotaGrant Grant) Claim(DateTimeOffset now, int wanted, int reserve, IEnumerable<QuotaObservation> observations)
    {
        var window = now >= EndsAt ? Opening(now, Quota, Length) : this;
        foreach (var observation in observations.OrderBy(o => o.SeenAt))
        {
            window = window.Observe(observation);
        }

        var granted = Math.Min(Math.Max(0, wanted), window.Available(reserve));
        window = window with { Granted = window.Granted + granted };
        DateTimeOffset? retryAt = granted > 0 ? null
            : window.Quota is null || !window.EndKnown ? now + ProbeInterval
            : window.EndsAt;
        return (window, new QuotaGrant(granted, window.EndsAt, retryAt));
    }

    public QuotaWindow Observe(QuotaObservation observation)
    {
        // An answer to a request of an earlier window says nothing about this one.
        if (observation.SeenAt < StartedAt)
        {
            return this;
        }

        var window = this with { Quota = observation.Quota ?? Quota, Length = observation.Window ?? Length };
        if (window.Closed)
        {
            return window;
        }

        if (observation.RateLimited)
        {
            // A 429 names the moment to ask again (without one, platform load: a moment); until then nothing goes,
            // whatever other answers said, and none of them extends it.
            return window with { EndsAt = observation.SeenAt + (observation.TimeToReset ?? Provisional), EndKnown = true, Closed = true, Left = 0 };
        }

        if (observation.TimeToReset is TimeSpan toReset)
        {
            // The latest end any answer reported: ending a window early would hand out the next one's quota too soon.
            var reportedEnd = observation.SeenAt + toReset;
            window = window with { EndsAt = window.EndKnown && window.EndsAt > reportedEnd ? window.EndsAt : reportedEnd, EndKnown = true };
        }

        if (observation.Left is int reported && (window.Left is null || reported < window.Left.Value - (window.Granted - window.GrantedAtLeft)))
        {
            window = window with { Left = reported, GrantedAtLeft = window.Granted };
        }

        return window;
    }
}
