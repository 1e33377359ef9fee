using System.Collections.Concurrent;

namespace Connector.BigCommerce;

/// <summary>
/// Spends each store's request quota evenly instead of running into 429s: a request goes out only while
/// the last known <c>Requests-Left</c>, less the requests already in flight, stays above a small reserve;
/// otherwise it waits for the window to reset. One gate per process, one budget per store.
/// </summary>
public sealed class StoreQuotaGate(TimeProvider clock, int reserve)
{
    private readonly ConcurrentDictionary<string, StoreBudget> budgets = new(StringComparer.Ordinal);

    public async ValueTask AcquireAsync(string storeHash, CancellationToken cancellationToken)
    {
        var budget = budgets.GetOrAdd(storeHash, _ => new StoreBudget());
        while (true)
        {
            var wait = budget.TryAcquire(clock.GetUtcNow(), reserve);
            if (wait is null)
            {
                return;
            }

            await Task.Delay(wait.Value, clock, cancellationToken);
        }
    }

    /// <summary>Records what a response said about the quota (or that none came back).</summary>
    public void Release(string storeHash, RateLimitHeaders? headers, bool rateLimited)
    {
        if (budgets.TryGetValue(storeHash, out var budget))
        {
            budget.Release(clock.GetUtcNow(), headers, rateLimited);
        }
    }

    private sealed class StoreBudget
    {
        private readonly Lock sync = new();
        private int? left;           // null until a response has told us
        private int? quota;
        private DateTimeOffset resetAt;
        private int inFlight;

        public TimeSpan? TryAcquire(DateTimeOffset now, int reserve)
        {
            lock (sync)
            {
                if (left is null)
                {
                    // Until the first answer says what the quota is, probe with one request at a time.
                    if (inFlight > 0)
                    {
                        return TimeSpan.FromMilliseconds(50);
                    }
                }
                else if (now >= resetAt)
                {
                    // A new window: its full quota, or, if no answer ever said what that is, probe again.
                    left = quota;
                    resetAt = now.AddSeconds(1); // until a response tells the new window's reset
                }

                if (left is null || left.Value - inFlight > reserve)
                {
                    inFlight++;
                    return null;
                }

                // Wake slightly after the reset, staggered, so waiters don't stampede the new window at once.
                var untilReset = resetAt - now;
                return (untilReset > TimeSpan.Zero ? untilReset : TimeSpan.Zero) + TimeSpan.FromMilliseconds(25 + Random.Shared.Next(50));
            }
        }

        public void Release(DateTimeOffset now, RateLimitHeaders? headers, bool rateLimited)
        {
            lock (sync)
            {
                inFlight = Math.Max(0, inFlight - 1);
                if (headers?.RequestsLeft is not int reportedLeft || headers.TimeToReset is not TimeSpan toReset)
                {
                    return;
                }

                var reportedReset = now + toReset;
                quota = headers.RequestsQuota ?? quota;
                var newWindow = left is null || reportedReset > resetAt + TimeSpan.FromSeconds(1);
                // Answers arrive out of order; within one window the smallest "left" is the truest.
                left = newWindow ? reportedLeft : Math.Min(left!.Value, reportedLeft);
                if (rateLimited)
                {
                    left = 0;
                }

                resetAt = newWindow ? reportedReset : (reportedReset < resetAt ? reportedReset : resetAt);
            }
        }
    }
}
