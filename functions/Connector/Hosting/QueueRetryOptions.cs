namespace Connector.Hosting;

/// <summary>
/// Retry rounds: a message that used up its quick attempts (maxDequeueCount) while a dependency is down is sent
/// back to its own queue, hidden for a while that doubles each round, before it is given up to poison. A back
/// office in a maintenance window or a BigCommerce outage then costs time, not an operator's requeue.
/// With the defaults: 1, 2, 4, … 60, 60 minutes, about 3 hours in all.
/// </summary>
public sealed class QueueRetryOptions
{
    public const string Section = "Connector:QueueRetry";

    /// <summary>How many rounds before poison; 0 = poison after the first maxDequeueCount attempts.</summary>
    public int Rounds { get; set; } = 8;

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The wait before round <paramref name="round"/> (1 = the first).</summary>
    public TimeSpan DelayBefore(int round)
    {
        var doubled = FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, round - 1));
        return TimeSpan.FromMilliseconds(Math.Min(doubled, MaxDelay.TotalMilliseconds));
    }
}
