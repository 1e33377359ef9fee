namespace Connector.CatalogPush;

/// <summary>
/// One change of one SKU from the back office's catalog-changes feed: the fields it sets (null: left as BigCommerce has
/// it) and when the back office made it (<see cref="ChangedAt"/>: newest wins, per SKU).
/// </summary>
public sealed record CatalogChange(
    string Sku,
    DateTimeOffset ChangedAt,
    decimal? Price = null,
    decimal? SalePrice = null,
    decimal? CostPrice = null,
    string? Name = null,
    string? Description = null,
    decimal? Weight = null,
    bool? IsVisible = null,
    string? Availability = null)
{
    /// <summary>BigCommerce's product availability values (products_catalog.v3.yml).</summary>
    public static readonly IReadOnlySet<string> Availabilities = new HashSet<string>(StringComparer.Ordinal) { "available", "disabled", "preorder" };

    public bool SetsNothing =>
        Price is null && SalePrice is null && CostPrice is null && Name is null && Description is null && Weight is null && IsVisible is null && Availability is null;

    /// <summary>Fields only a product has: a variant SKU cannot take them.</summary>
    public static readonly IReadOnlySet<string> ProductOnlyFields = new HashSet<string>(StringComparer.Ordinal) { Fields.Name, Fields.Description, Fields.IsVisible };

    /// <summary>The fields this change sets, by name, as invariant text (what the ledger keeps per field).</summary>
    public IReadOnlyDictionary<string, string> Values()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(values, Fields.Price, Price);
        Add(values, Fields.SalePrice, SalePrice);
        Add(values, Fields.CostPrice, CostPrice);
        Add(values, Fields.Weight, Weight);
        if (Name is not null) values[Fields.Name] = Name;
        if (Description is not null) values[Fields.Description] = Description;
        if (IsVisible is { } visible) values[Fields.IsVisible] = visible ? "true" : "false";
        if (Availability is not null) values[Fields.Availability] = Availability;
        return values;
    }

    /// <summary>The change made of these fields only (as <see cref="Values"/> gives them).</summary>
    public static CatalogChange FromValues(string sku, DateTimeOffset changedAt, IReadOnlyDictionary<string, string> values) => new(sku, changedAt,
        Price: Decimal(values, Fields.Price), SalePrice: Decimal(values, Fields.SalePrice), CostPrice: Decimal(values, Fields.CostPrice),
        Name: values.GetValueOrDefault(Fields.Name), Description: values.GetValueOrDefault(Fields.Description),
        Weight: Decimal(values, Fields.Weight),
        IsVisible: values.TryGetValue(Fields.IsVisible, out var visible) ? visible == "true" : null,
        Availability: values.GetValueOrDefault(Fields.Availability));

    private static void Add(Dictionary<string, string> values, string name, decimal? value)
    {
        if (value is { } v)
        {
            values[name] = v.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static decimal? Decimal(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) ? decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The field names, as the feed and BigCommerce spell them.</summary>
    public static class Fields
    {
        public const string Price = "price";
        public const string SalePrice = "sale_price";
        public const string CostPrice = "cost_price";
        public const string Name = "name";
        public const string Description = "description";
        public const string Weight = "weight";
        public const string IsVisible = "is_visible";
        public const string Availability = "availability";
    }
}

/// <summary>A feed record the connector will not write, and why (its SKU when it has one).</summary>
public sealed record RefusedChange(string? Sku, DateTimeOffset? ChangedAt, string Reason)
{
    public override string ToString() => Sku is null ? Reason : $"SKU {Sku}: {Reason}";
}
