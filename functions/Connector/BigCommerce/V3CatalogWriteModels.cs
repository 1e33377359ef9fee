using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

/// <summary>
/// One product in <c>PUT /v3/catalog/products</c> (an update: <see cref="Id"/> set) or <c>POST /v3/catalog/products</c>
/// (a new simple product: name, type, sku, price and weight set). A field left null is not sent, so BigCommerce keeps it.
/// </summary>
public sealed record V3ProductWrite
{
    [JsonPropertyName("id")] public long? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("sku")] public string? Sku { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("sale_price")] public decimal? SalePrice { get; init; }
    [JsonPropertyName("cost_price")] public decimal? CostPrice { get; init; }
    [JsonPropertyName("weight")] public decimal? Weight { get; init; }
    [JsonPropertyName("is_visible")] public bool? IsVisible { get; init; }
    [JsonPropertyName("availability")] public string? Availability { get; init; }
}

/// <summary>One variant in <c>PUT /v3/catalog/variants</c> (product-variants_catalog.v3.yml): its id and the fields to set.</summary>
public sealed record V3VariantWrite
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("sale_price")] public decimal? SalePrice { get; init; }
    [JsonPropertyName("cost_price")] public decimal? CostPrice { get; init; }
    [JsonPropertyName("weight")] public decimal? Weight { get; init; }
    [JsonPropertyName("purchasing_disabled")] public bool? PurchasingDisabled { get; init; }
}

/// <summary>A variant as <c>GET /v3/catalog/variants</c> lists it, the fields matching by SKU needs.</summary>
public sealed record V3VariantMatch
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("product_id")] public long ProductId { get; init; }
    [JsonPropertyName("sku")] public string? Sku { get; init; }
    [JsonPropertyName("option_values")] public List<V3OptionValue>? OptionValues { get; init; }
}

/// <summary>A product as a write's answer gives it: its id and its new version.</summary>
public sealed record V3ProductVersion(long Id, DateTimeOffset? DateModified);

/// <summary>How BigCommerce took one batch write (or one creation).</summary>
public abstract record CatalogWriteResult
{
    /// <summary>200 (or 207: saved, one attribute not): the products' new versions (none for variants).</summary>
    public sealed record Applied(IReadOnlyList<V3ProductVersion> Products) : CatalogWriteResult;

    /// <summary>409, 422, 413 or 404: the whole request refused, with BigCommerce's reason; retrying it as is cannot help.</summary>
    public sealed record Refused(int Status, string Reason) : CatalogWriteResult;
}
