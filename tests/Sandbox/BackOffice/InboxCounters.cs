namespace Sandbox.BackOffice;

/// <summary>
/// Per-store counts of what one of the back office's receiving endpoints saw (orders, BigCommerce shipments). Not
/// thread-safe: the inbox holding it counts under its own lock, with the receipt it counts.
/// </summary>
public sealed class InboxCounters
{
    private readonly Dictionary<string, Counts> _byStore = new(StringComparer.Ordinal);

    public sealed class Counts
    {
        public long Accepted { get; set; }
        public long DuplicateAttempts { get; set; }
        public long DuplicatesWithDifferentBody { get; set; }
        public long Rejected { get; set; }
        public long InvalidSignature { get; set; }
        public long InvalidRequests { get; set; }
    }

    /// <param name="storeHash">The store the request named, or "" when it named none.</param>
    public Counts For(string storeHash)
    {
        if (!_byStore.TryGetValue(storeHash, out var counts))
        {
            counts = new Counts();
            _byStore.Add(storeHash, counts);
        }

        return counts;
    }

    /// <summary>One store's counts, or every store's added up (<paramref name="storeHash"/> null).</summary>
    public Counts Total(string? storeHash)
    {
        var total = new Counts();
        foreach (var (store, counts) in _byStore)
        {
            if (storeHash is null || store == storeHash)
            {
                total.Accepted += counts.Accepted;
                total.DuplicateAttempts += counts.DuplicateAttempts;
                total.DuplicatesWithDifferentBody += counts.DuplicatesWithDifferentBody;
                total.Rejected += counts.Rejected;
                total.InvalidSignature += counts.InvalidSignature;
                total.InvalidRequests += counts.InvalidRequests;
            }
        }

        return total;
    }

    public void Clear() => _byStore.Clear();
}
