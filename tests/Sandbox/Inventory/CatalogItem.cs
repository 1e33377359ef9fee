namespace Sandbox.Inventory;

/// <summary>How a product's stock is kept: per variant (each variant's SKU) or on the product itself (the product's SKU).</summary>
public enum TrackedBy
{
    Variant,
    Product,
}

/// <summary>
/// One inventory item: a variant. A product tracked by product has a single base variant that
/// carries the product's SKU; its stock can be addressed by product_id or sku, not variant_id.
/// </summary>
public sealed record CatalogItem(string Sku, long ProductId, long VariantId, TrackedBy TrackedBy, string ProductName);

/// <summary>A stock location (locations.v3.yml's LocationResponse, the fields the sandbox keeps).</summary>
public sealed record InventoryLocation(int Id, string Code, string Label, string TypeId, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>One adjustment line, after parsing: exactly one identifier set.</summary>
public sealed record AdjustmentLine(int Index, int LocationId, long? VariantId, long? ProductId, string? Sku, long Quantity);
