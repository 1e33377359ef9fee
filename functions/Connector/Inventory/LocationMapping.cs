namespace Connector.Inventory;

/// <summary>One BigCommerce inventory location (locations.v3 LocationResponse, the fields the flow uses).</summary>
public sealed record StoreLocation(long Id, string? Code, string? Label, bool Enabled = true);

/// <summary>
/// Maps a back-office location onto a BigCommerce location id. In order: the store's explicit map; a
/// BigCommerce location whose code equals it; then, for an item without a location or a store with one
/// location only, the default location. Anything else is unmapped (null): reported, never guessed.
/// </summary>
public static class LocationMapping
{
    /// <summary>BigCommerce's default location always has id 1.</summary>
    public const long BigCommerceDefaultLocationId = 1;

    public static long DefaultLocation(InventorySettings settings, IReadOnlyList<StoreLocation> locations)
    {
        if (settings.DefaultLocationId is { } configured)
        {
            return configured;
        }

        var enabled = locations.Where(l => l.Enabled).ToList();
        if (enabled.Any(l => l.Id == BigCommerceDefaultLocationId) || enabled.Count == 0)
        {
            return BigCommerceDefaultLocationId;
        }

        return enabled.Count == 1 ? enabled[0].Id : enabled.Min(l => l.Id);
    }

    public static long? Resolve(string? backOfficeLocation, InventorySettings settings, IReadOnlyList<StoreLocation> locations)
    {
        if (string.IsNullOrWhiteSpace(backOfficeLocation))
        {
            return DefaultLocation(settings, locations);
        }

        if (settings.LocationMap.TryGetValue(backOfficeLocation, out var mapped))
        {
            return mapped;
        }

        var byCode = locations.FirstOrDefault(l => l.Enabled && string.Equals(l.Code, backOfficeLocation, StringComparison.OrdinalIgnoreCase));
        if (byCode is not null)
        {
            return byCode.Id;
        }

        // A single-location store (or one whose locations were not pulled): everything goes to its default location.
        return locations.Count(l => l.Enabled) <= 1 ? DefaultLocation(settings, locations) : null;
    }
}
