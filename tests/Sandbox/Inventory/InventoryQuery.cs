using System.Globalization;

namespace Sandbox.Inventory;

/// <summary>The <c>:in</c> filters and paging shared by the inventory and catalog list endpoints.</summary>
public sealed class InventoryQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 250;

    public IReadOnlySet<string>? Skus { get; private init; }
    public IReadOnlySet<long>? VariantIds { get; private init; }
    public IReadOnlySet<long>? ProductIds { get; private init; }
    public IReadOnlySet<long>? Ids { get; private init; }
    public IReadOnlySet<long>? LocationIds { get; private init; }
    public IReadOnlySet<string>? LocationCodes { get; private init; }
    public int Page { get; private init; } = 1;
    public int Limit { get; private init; } = DefaultLimit;

    /// <returns>Null and an error message for a malformed parameter.</returns>
    public static (InventoryQuery? Query, string? Error) Parse(IQueryCollection query)
    {
        try
        {
            var skus = Strings(query, "sku:in");
            if (query["sku"].ToString() is { Length: > 0 } single)
            {
                skus = new HashSet<string>(skus ?? [], StringComparer.OrdinalIgnoreCase) { single };
            }
            var ids = Longs(query, "id:in");
            if (query["id"].ToString() is { Length: > 0 } id)
            {
                ids = new HashSet<long>(ids ?? []) { long.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture) };
            }
            var page = Int(query, "page", 1);
            var limit = Int(query, "limit", DefaultLimit);
            if (page < 1 || limit < 1)
            {
                return (null, "page and limit must be positive integers.");
            }
            return (new InventoryQuery
            {
                Skus = skus,
                VariantIds = Longs(query, "variant_id:in"),
                ProductIds = Longs(query, "product_id:in"),
                Ids = ids,
                LocationIds = Longs(query, "location_id:in"),
                LocationCodes = Strings(query, "location_code:in"),
                Page = page,
                Limit = Math.Min(limit, MaxLimit),
            }, null);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return (null, "Filters ending in _id:in, id, page and limit take integers (comma-separated for :in).");
        }
    }

    public bool Matches(CatalogItem item) =>
        (Skus is null || Skus.Contains(item.Sku)) &&
        (VariantIds is null || VariantIds.Contains(item.VariantId)) &&
        (ProductIds is null || ProductIds.Contains(item.ProductId));

    public bool Matches(InventoryLocation location) =>
        (LocationIds is null || LocationIds.Contains(location.Id)) &&
        (LocationCodes is null || LocationCodes.Contains(location.Code));

    public IReadOnlyList<T> PageOf<T>(IReadOnlyList<T> all) =>
        [.. all.Skip((int)Math.Min(int.MaxValue, (long)(Page - 1) * Limit)).Take(Limit)];

    private static HashSet<string>? Strings(IQueryCollection query, string name) =>
        query[name].ToString() is { Length: > 0 } raw
            ? raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;

    private static HashSet<long>? Longs(IQueryCollection query, string name) =>
        Strings(query, name)?.Select(s => long.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture)).ToHashSet();

    private static int Int(IQueryCollection query, string name, int fallback) =>
        query[name].ToString() is { Length: > 0 } raw ? int.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : fallback;
}
