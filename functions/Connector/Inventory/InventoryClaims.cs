namespace Connector.Inventory;

/// <summary>The newest quantity read from the back office for one location of one SKU, and when the scan read it.</summary>
public sealed record Claim(DateTimeOffset ReadAt, int Quantity);

/// <summary>
/// Newest wins. BigCommerce applies concurrent absolute adjustments in no guaranteed order, so each message
/// first claims its locations in the Inventory row (under its ETag) with the time its scan read the feed: an
/// older read never replaces a newer claim. After writing to BigCommerce the worker updates the row under its ETag (read
/// again only if it changed since its claim); if a newer claim arrived meanwhile, its own (older) write may have landed
/// last, so it writes the newer quantity again.
/// </summary>
public static class InventoryClaims
{
    /// <returns>The claims after this message, and the locations it must write (the ones where it is the newest).</returns>
    public static (Dictionary<long, Claim> Claims, Dictionary<long, int> ToWrite) Claim(
        IReadOnlyDictionary<long, Claim> current, IReadOnlyDictionary<long, int> quantities, DateTimeOffset readAt)
    {
        var claims = new Dictionary<long, Claim>(current);
        var toWrite = new Dictionary<long, int>();
        foreach (var (location, quantity) in quantities)
        {
            if (current.TryGetValue(location, out var existing) && existing.ReadAt > readAt)
            {
                continue; // a newer read owns this location
            }

            claims[location] = new Claim(readAt, quantity);
            toWrite[location] = quantity;
        }

        return (claims, toWrite);
    }

    /// <summary>After a write: which written locations are confirmed as newest, and which a newer claim took over (to write again).</summary>
    public static (Dictionary<long, Claim> Confirmed, Dictionary<long, Claim> Rewrite) AfterWrite(
        IReadOnlyDictionary<long, Claim> current, IReadOnlyDictionary<long, Claim> written)
    {
        var confirmed = new Dictionary<long, Claim>();
        var rewrite = new Dictionary<long, Claim>();
        foreach (var (location, claim) in written)
        {
            if (!current.TryGetValue(location, out var now) || now.ReadAt == claim.ReadAt)
            {
                confirmed[location] = claim;
            }
            else if (now.ReadAt > claim.ReadAt)
            {
                rewrite[location] = now;
            }
        }

        return (confirmed, rewrite);
    }
}
