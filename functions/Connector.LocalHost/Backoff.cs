namespace Connector.LocalHost;

/// <summary>Doubling delays from a floor to a ceiling; <see cref="Reset"/> after a success.</summary>
public sealed class Backoff(TimeSpan initial, TimeSpan maximum)
{
    private TimeSpan _next = Min(initial, maximum);

    public TimeSpan Next()
    {
        var current = _next;
        _next = Min(current * 2, maximum);
        return current;
    }

    public void Reset() => _next = Min(initial, maximum);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
