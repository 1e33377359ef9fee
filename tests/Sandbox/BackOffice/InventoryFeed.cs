namespace Sandbox.BackOffice;

/// <summary>The back office's stock levels per store, served in pages to the (later) inventory flow.</summary>
public sealed class InventoryFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<InventoryItem>> _byStore = new(StringComparer.Ordinal);
    private FeedCorruption? _corruption;
    private int? _pageSize;

    public sealed record InventoryItem(string Sku, int Quantity, string? Location);

    public sealed record Page(IReadOnlyList<InventoryItem> Items, string? NextCursor);

    /// <summary>When set, every page has at most this many items, whatever <c>limit</c> asks (the back office may return fewer).</summary>
    public int? PageSize
    {
        get { lock (_gate) { return _pageSize; } }
        set { lock (_gate) { _pageSize = value; } }
    }

    public FeedCorruption? Corruption
    {
        get { lock (_gate) { return _corruption; } }
        set { lock (_gate) { _corruption = value is { Kind: FeedCorruptionKind.None } ? null : value; } }
    }

    public IReadOnlyList<InventoryItem> Items(string storeHash)
    {
        lock (_gate)
        {
            return _byStore.GetValueOrDefault(storeHash) ?? [];
        }
    }

    /// <summary>The corruption that hits this read of page <paramref name="pageNumber"/>, counting it down.</summary>
    public FeedCorruptionKind TakeCorruption(int pageNumber)
    {
        lock (_gate)
        {
            if (_corruption is not { } c || c.Page != pageNumber || c.Remaining is <= 0)
            {
                return FeedCorruptionKind.None;
            }
            if (c.Remaining is { } n)
            {
                _corruption = c with { Remaining = n - 1 };
            }
            return c.Kind;
        }
    }

    public void Set(string storeHash, IReadOnlyList<InventoryItem> items)
    {
        lock (_gate)
        {
            _byStore[storeHash] = [.. items];
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byStore.Clear();
            _corruption = null;
            _pageSize = null;
        }
    }

    /// <summary>Cursors are opaque to clients (<see cref="FeedCursor"/>) so the back office is free to change them.</summary>
    /// <param name="pageNumber">1-based: offset / page size + 1.</param>
    public bool TryRead(string storeHash, string? cursor, int limit, out Page page, out int pageNumber)
    {
        page = new Page([], null);
        pageNumber = 1;
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !FeedCursor.TryDecode(cursor, out offset))
        {
            return false;
        }

        IReadOnlyList<InventoryItem> items;
        lock (_gate)
        {
            items = _byStore.GetValueOrDefault(storeHash) ?? [];
            limit = Math.Min(limit, _pageSize ?? limit);
        }
        pageNumber = (offset / limit) + 1;

        var slice = items.Skip(offset).Take(limit).ToList();
        var next = offset + slice.Count < items.Count ? FeedCursor.Encode(offset + slice.Count) : null;
        page = new Page(slice, next);
        return true;
    }
}
