using Connector.BigCommerce;

namespace Connector.Catalog;

/// <summary>
/// One request of the catalog poll: products modified at or after <see cref="MinModified"/>, oldest change first; within a
/// crowded second (<see cref="AfterId"/> set), that second's products whose id is above it, by id.
/// </summary>
public readonly record struct ProductPageRequest(DateTimeOffset MinModified, long? AfterId = null)
{
    public bool IsWithinOneSecond => AfterId is not null;
}

/// <summary>
/// Keyset paging on (date_modified, id) as for orders, never page numbers: a product changed while the poll reads leaves
/// its place and reappears later, where the poll still goes. v3 dates have one-second resolution; a second holding more
/// products than a page is read by id (<c>date_modified:min</c> = <c>date_modified:max</c> = that second, <c>id:greater</c>).
/// </summary>
public static class CatalogPaging
{
    /// <summary>The whole catalog on the first run (the initial import); afterwards the watermark less the overlap.</summary>
    public static readonly DateTimeOffset Beginning = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ProductPageRequest Start(DateTimeOffset? watermark, TimeSpan overlap) =>
        new(watermark is { } mark ? mark - overlap : Beginning);

    public static ProductPageRequest? Next(ProductPageRequest current, IReadOnlyList<V3Product> page, int pageSize)
    {
        var full = page.Count >= pageSize;
        if (current.IsWithinOneSecond)
        {
            return full ? current with { AfterId = page.Max(p => p.Id) } : new ProductPageRequest(current.MinModified.AddSeconds(1));
        }

        if (!full)
        {
            return null;
        }

        var newest = Newest(page);
        return newest > current.MinModified ? new ProductPageRequest(newest) : new ProductPageRequest(current.MinModified, AfterId: 0);
    }

    public static DateTimeOffset Newest(IReadOnlyList<V3Product> page) => page.Max(p => p.DateModified!.Value);
}
