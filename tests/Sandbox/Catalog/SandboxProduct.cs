namespace Sandbox.Catalog;

/// <summary>One catalog product as the sandbox keeps it (products_catalog.v3.yml's Product, the fields the connector reads and writes).</summary>
public sealed record SandboxProduct(
    long Id, string Name, string Sku, decimal Price, decimal? SalePrice, decimal Weight, bool IsVisible, DateTimeOffset DateModified,
    IReadOnlyList<SandboxVariant> Variants, IReadOnlyList<(string Name, string Value)> CustomFields)
{
    public string Description { get; init; } = "";
    public decimal CostPrice { get; init; }

    /// <summary><c>available</c>, <c>disabled</c> or <c>preorder</c>.</summary>
    public string Availability { get; init; } = "available";

    /// <summary>The base variant: the product's own SKU as <c>GET /v3/catalog/variants</c> lists it for a product without options.</summary>
    public long BaseVariantId { get; init; }
}

/// <summary>A variant (product-variants_catalog.v3.yml): its SKU, prices and the option values that make it.</summary>
public sealed record SandboxVariant(long Id, string Sku, decimal? Price, decimal? Weight, IReadOnlyList<(string Option, string Label)> OptionValues)
{
    public decimal? SalePrice { get; init; }
    public decimal? CostPrice { get; init; }
    public bool PurchasingDisabled { get; init; }
}
