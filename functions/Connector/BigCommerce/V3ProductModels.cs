using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

/// <summary>A catalog product as products_catalog.v3.yml returns it with <c>include=variants,custom_fields</c>: the fields the connector uses.</summary>
public sealed record V3Product
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("sku")] public string? Sku { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("sale_price")] public decimal? SalePrice { get; init; }
    [JsonPropertyName("retail_price")] public decimal? RetailPrice { get; init; }
    [JsonPropertyName("cost_price")] public decimal? CostPrice { get; init; }
    [JsonPropertyName("weight")] public decimal? Weight { get; init; }
    [JsonPropertyName("is_visible")] public bool? IsVisible { get; init; }
    [JsonPropertyName("date_modified")] public DateTimeOffset? DateModified { get; init; }
    [JsonPropertyName("variants")] public List<V3ProductVariant>? Variants { get; init; }
    [JsonPropertyName("custom_fields")] public List<V3CustomField>? CustomFields { get; init; }
}

public sealed record V3ProductVariant
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("sku")] public string? Sku { get; init; }
    [JsonPropertyName("price")] public decimal? Price { get; init; }
    [JsonPropertyName("sale_price")] public decimal? SalePrice { get; init; }
    [JsonPropertyName("weight")] public decimal? Weight { get; init; }
    [JsonPropertyName("purchasing_disabled")] public bool? PurchasingDisabled { get; init; }
    [JsonPropertyName("option_values")] public List<V3OptionValue>? OptionValues { get; init; }
}

public sealed record V3OptionValue
{
    [JsonPropertyName("option_display_name")] public string? OptionDisplayName { get; init; }
    [JsonPropertyName("label")] public string? Label { get; init; }
}

public sealed record V3CustomField
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
}

/// <summary>One page of products and, from <c>meta.pagination.total</c>, how many match the whole query.</summary>
public sealed record V3ProductPage(IReadOnlyList<V3Product> Products, long? Total);
