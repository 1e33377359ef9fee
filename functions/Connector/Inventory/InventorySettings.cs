namespace Connector.Inventory;

/// <summary>
/// A store's inventory flow settings (back office → BigCommerce stock levels), stored as JSON in the
/// Settings table's <c>Inventory</c> column. Absent means these defaults: on, locations pulled, everything
/// to the store's default location.
/// </summary>
public sealed record InventorySettings
{
    public bool Enabled { get; init; } = true;

    /// <summary>"Pull locations": read the store's BigCommerce locations on each scan to map onto.</summary>
    public bool PullLocations { get; init; } = true;

    /// <summary>When not empty, only these SKUs flow (exact, case-sensitive).</summary>
    public IReadOnlyList<string> OnlySkus { get; init; } = [];

    /// <summary>Back-office location → BigCommerce location id. Unmapped locations use the rules of <see cref="LocationMapping"/>.</summary>
    public IReadOnlyDictionary<string, long> LocationMap { get; init; } = new Dictionary<string, long>();

    /// <summary>Where items without a (mapped) location go; null: the store's default location (BigCommerce's id 1, or its only one).</summary>
    public long? DefaultLocationId { get; init; }

    /// <summary>An action: push every SKU on the next scan regardless of what was pushed before, then clear it.</summary>
    public DateTimeOffset? ResyncRequestedAt { get; init; }
}
