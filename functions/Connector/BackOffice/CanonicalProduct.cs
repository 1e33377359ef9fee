namespace Connector.BackOffice;

/// <summary>
/// One version of a catalog product as the back office receives it (POST /products, docs/back-office.openapi.yaml).
/// <see cref="Version"/> is BigCommerce's <c>date_modified</c> of that version; for a deletion, when BigCommerce reported it.
/// A deletion carries the ids and <see cref="Deleted"/> only.
/// </summary>
public sealed record CanonicalProduct(
    string StoreHash,
    long ProductId,
    DateTimeOffset Version,
    bool Deleted,
    string? Sku,
    string? Name,
    CanonicalProductPrices? Prices,
    decimal? Weight,
    bool? IsVisible,
    IReadOnlyList<CanonicalVariant>? Variants,
    IReadOnlyList<CanonicalCustomField>? CustomFields);

public sealed record CanonicalProductPrices(decimal? Price, decimal? SalePrice, decimal? RetailPrice, decimal? CostPrice);

public sealed record CanonicalVariant(long VariantId, string? Sku, decimal? Price, decimal? SalePrice, decimal? Weight, bool PurchasingDisabled, IReadOnlyList<CanonicalOptionValue> OptionValues);

public sealed record CanonicalOptionValue(string Option, string Value);

public sealed record CanonicalCustomField(string Name, string Value);
