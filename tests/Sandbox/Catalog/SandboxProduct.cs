namespace Sandbox.Catalog;

/// <summary>One catalog product as the sandbox keeps it (products_catalog.v3.yml's Product, the fields the connector reads).</summary>
public sealed record SandboxProduct(
    long Id, string Name, string Sku, decimal Price, decimal? SalePrice, decimal Weight, bool IsVisible, DateTimeOffset DateModified,
    IReadOnlyList<SandboxVariant> Variants, IReadOnlyList<(string Name, string Value)> CustomFields);

/// <summary>A variant (product-variants_catalog.v3.yml): its SKU and the option values that make it.</summary>
public sealed record SandboxVariant(long Id, string Sku, decimal? Price, decimal? Weight, IReadOnlyList<(string Option, string Label)> OptionValues);
