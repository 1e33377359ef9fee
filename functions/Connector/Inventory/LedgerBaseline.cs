namespace Connector.Inventory;

/// <summary>
/// What the scan keeps of a store's ledger while it walks the feed: for each SKU and location only a 64-bit key and the
/// quantity it is compared with (<see cref="InventoryChanges.Baseline"/>), filled from the ledger streamed page by page.
/// 28 bytes per SKU and location (the dictionary's entry and bucket; up to three times that while it grows), so a
/// catalogue of 1,000,000 SKUs costs some 30–90 MB, not the rows (strings, JSON) it was read from.
/// <para>
/// Two SKU and location pairs sharing a key (odds about 1 in 37 million for a million pairs, see <see cref="SkuKey"/>)
/// could make one changed quantity look unchanged only if the other pair's last quantity equals the new one; a forced
/// resync pushes everything whatever this says.
/// </para>
/// </summary>
public sealed class LedgerBaseline
{
    private readonly Dictionary<ulong, int> _last = [];

    public int Count => _last.Count;

    public void Add(InventoryEntry entry)
    {
        foreach (var (location, quantity) in InventoryChanges.Baseline(entry.State()))
        {
            _last[SkuKey.Of(entry.Sku, location)] = quantity;
        }
    }

    /// <returns>The locations of <paramref name="sku"/> to push; empty when nothing changed.</returns>
    public IReadOnlyDictionary<long, int> Changes(string sku, IReadOnlyDictionary<long, int> wanted, bool force) =>
        InventoryChanges.Compare(wanted, location => _last.TryGetValue(SkuKey.Of(sku, location), out var last) ? last : null, force);
}

/// <summary>The SKU and location pairs a scan has met, kept as 64-bit keys (see <see cref="LedgerBaseline"/>).</summary>
public sealed class SeenSkus
{
    private readonly HashSet<ulong> _seen = [];

    /// <returns>False when the pair was met before in this scan.</returns>
    public bool Add(string sku, long location) => _seen.Add(SkuKey.Of(sku, location));
}

/// <summary>A SKU and location as one 64-bit FNV-1a hash: stable across processes, unlike string.GetHashCode.</summary>
public static class SkuKey
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(string sku, long location)
    {
        var hash = Offset;
        foreach (var c in sku)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        // Then the location's eight bytes: a fixed-length tail, so no two pairs give the same byte sequence.
        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(location >> (8 * i))) * Prime;
        }

        return hash;
    }
}
