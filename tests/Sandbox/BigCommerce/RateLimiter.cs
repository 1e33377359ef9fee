namespace Sandbox.BigCommerce;

/// <summary>
/// BigCommerce's per-store quota: a fixed window (default 150 requests per 30 s) shared by every
/// client of the store. Every request takes one unit, including those that get 429, so a client
/// hammering past the quota gains nothing.
/// </summary>
public sealed class RateLimiter(TimeProvider clock, int quota, int windowMs)
{
    private readonly Lock _gate = new();
    private long _windowStartedAt = clock.GetTimestamp();
    private int _used;

    public int Quota { get; private set; } = quota;
    public int WindowMs { get; private set; } = windowMs;

    /// <summary>What the X-Rate-Limit-* headers say after (or without) taking a unit.</summary>
    public readonly record struct Snapshot(bool Allowed, int Quota, int Left, int WindowMs, int ResetMs);

    public Snapshot Acquire()
    {
        lock (_gate)
        {
            Roll();
            _used++;
            return Describe(allowed: _used <= Quota);
        }
    }

    /// <summary>The window's state without spending a unit (for 401s, which BigCommerce doesn't charge).</summary>
    public Snapshot Peek()
    {
        lock (_gate)
        {
            Roll();
            return Describe(allowed: _used < Quota);
        }
    }

    /// <summary>Changes the quota and starts a fresh window so the new numbers apply at once.</summary>
    public void Reconfigure(int quota, int windowMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quota);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowMs);
        lock (_gate)
        {
            Quota = quota;
            WindowMs = windowMs;
            _windowStartedAt = clock.GetTimestamp();
            _used = 0;
        }
    }

    private void Roll()
    {
        if (clock.GetElapsedTime(_windowStartedAt).TotalMilliseconds >= WindowMs)
        {
            _windowStartedAt = clock.GetTimestamp();
            _used = 0;
        }
    }

    private Snapshot Describe(bool allowed)
    {
        var elapsed = clock.GetElapsedTime(_windowStartedAt).TotalMilliseconds;
        // Never advertise 0 ms: a client honouring Reset-Ms would spin without waiting.
        var reset = (int)Math.Clamp(Math.Ceiling(WindowMs - elapsed), 1, WindowMs);
        return new Snapshot(allowed, Quota, Math.Max(0, Quota - _used), WindowMs, reset);
    }
}
