using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>
/// The back office's shipments and cancellations: an append-only log per store, served in pages by
/// GET /backoffice/shipments. Records are kept as the raw JSON objects the admin API appended, never
/// checked, so a test can put a malformed record in the log and see what the connector does with it.
/// </summary>
public sealed class ShipmentFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private readonly Lock _gate = new();
    private readonly RecordLog _log = new();
    private readonly Dictionary<string, Counters> _counters = new(StringComparer.Ordinal);
    private ShipmentFeedCorruption? _corruption;
    private long _pushes;
    private long _pushesUnanswered;

    public enum ReadOutcome { Served, Failed, InvalidSignature, InvalidRequest }

    /// <param name="Requests">Reads that reached the feed (past injected faults), whatever they were answered.</param>
    /// <param name="Pages">200 answers, corrupted ones included.</param>
    /// <param name="Records">Records in those pages (a duplicated row counts once).</param>
    public sealed record StoreStats(long Requests, long Pages, long Records, long InvalidSignature, long InvalidRequests);

    /// <param name="ByStore">Per <c>store</c> query parameter ("" when it was missing).</param>
    /// <param name="Pushes">POSTs to a connector's push endpoint (all stores: a push may carry several).</param>
    /// <param name="PushesUnanswered">Of those, the ones that got no HTTP answer.</param>
    public sealed record Stats(
        long Requests, long Pages, long Records, long InvalidSignature, long InvalidRequests,
        long Pushes, long PushesUnanswered, IReadOnlyDictionary<string, StoreStats> ByStore);

    public ShipmentFeedCorruption? Corruption
    {
        get { lock (_gate) { return _corruption; } }
        set { lock (_gate) { _corruption = value is { Kind: ShipmentFeedCorruptionKind.None } ? null : value; } }
    }

    /// <summary>Copies of the store's records, in log order.</summary>
    public IReadOnlyList<JsonObject> Records(string storeHash) => _log.Records(storeHash);

    /// <returns>How many were appended and how many the store's log now holds.</returns>
    public (int Appended, int Total) Append(string storeHash, IReadOnlyList<JsonObject> records) => _log.Append(storeHash, records);

    /// <returns>False for a cursor this feed did not issue, or one past the end of the log (a log reset since).</returns>
    public bool TryRead(string storeHash, string? cursor, int limit, out RecordLog.Page page, out int pageNumber) =>
        _log.TryRead(storeHash, cursor, limit, out page, out pageNumber);

    /// <summary>The corruption that hits this read of page <paramref name="pageNumber"/>, counting it down.</summary>
    public ShipmentFeedCorruptionKind TakeCorruption(int pageNumber)
    {
        lock (_gate)
        {
            if (_corruption is not { } c || c.Page != pageNumber || c.Remaining is <= 0)
            {
                return ShipmentFeedCorruptionKind.None;
            }
            if (c.Remaining is { } n)
            {
                _corruption = c with { Remaining = n - 1 };
            }
            return c.Kind;
        }
    }

    public void CountRead(string? storeHash, ReadOutcome outcome, int records = 0)
    {
        lock (_gate)
        {
            var key = storeHash ?? "";
            if (!_counters.TryGetValue(key, out var c))
            {
                _counters[key] = c = new Counters();
            }
            c.Requests++;
            switch (outcome)
            {
                case ReadOutcome.Served:
                    c.Pages++;
                    c.Records += records;
                    break;
                case ReadOutcome.InvalidSignature:
                    c.InvalidSignature++;
                    break;
                case ReadOutcome.InvalidRequest:
                    c.InvalidRequests++;
                    break;
            }
        }
    }

    public void CountPush(bool answered)
    {
        Interlocked.Increment(ref _pushes);
        if (!answered)
        {
            Interlocked.Increment(ref _pushesUnanswered);
        }
    }

    /// <param name="storeHash">Only this store's reads; null = every store.</param>
    public Stats Snapshot(string? storeHash = null)
    {
        lock (_gate)
        {
            var byStore = _counters.Where(c => storeHash is null || c.Key == storeHash)
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => new StoreStats(c.Value.Requests, c.Value.Pages, c.Value.Records, c.Value.InvalidSignature, c.Value.InvalidRequests));
            return new Stats(
                byStore.Values.Sum(s => s.Requests),
                byStore.Values.Sum(s => s.Pages),
                byStore.Values.Sum(s => s.Records),
                byStore.Values.Sum(s => s.InvalidSignature),
                byStore.Values.Sum(s => s.InvalidRequests),
                Interlocked.Read(ref _pushes),
                Interlocked.Read(ref _pushesUnanswered),
                byStore);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _log.Clear();
            _counters.Clear();
            _corruption = null;
            Interlocked.Exchange(ref _pushes, 0);
            Interlocked.Exchange(ref _pushesUnanswered, 0);
        }
    }

    private sealed class Counters
    {
        public long Requests;
        public long Pages;
        public long Records;
        public long InvalidSignature;
        public long InvalidRequests;
    }
}
