using Connector.BigCommerce;
using Connector.Catalog;

namespace Connector.CatalogPush;

/// <summary>What one change becomes in BigCommerce.</summary>
public abstract record WriteStep
{
    public sealed record UpdateProduct(long ProductId, V3ProductWrite Write, IReadOnlyList<string> Notes) : WriteStep;

    public sealed record UpdateVariant(long ProductId, long VariantId, V3VariantWrite Write, IReadOnlyList<string> Notes) : WriteStep;

    public sealed record Create(V3ProductWrite Write) : WriteStep;

    /// <summary>Not written, and why: a refusal the merchant must see.</summary>
    public sealed record Refuse(string Reason) : WriteStep;

    /// <summary>Not written, as the store's settings want (an existing product under "create only").</summary>
    public sealed record Skip(string Reason) : WriteStep;
}

/// <summary>
/// The pure part of a batch: each change with its SKU's match and the store's creation setting becomes one
/// <see cref="WriteStep"/>; the updates are then cut into requests of at most 10 products or 50 variants (the spec's limits).
/// </summary>
public static class CatalogWritePlan
{
    public static WriteStep StepFor(CatalogChange change, SkuMatch match, ProductCreation creation) => match switch
    {
        SkuMatch.Duplicate d => new WriteStep.Refuse($"SKU {change.Sku} is on more than one product or variant in BigCommerce ({d.Where}); which one is meant cannot be told"),
        SkuMatch.Unknown when creation == ProductCreation.Off =>
            new WriteStep.Refuse($"BigCommerce has no product or variant with SKU {change.Sku}, and the store's settings do not create products"),
        SkuMatch.Unknown => CreateStep(change),
        _ when creation == ProductCreation.CreateOnly =>
            new WriteStep.Skip("the SKU exists in BigCommerce, and the store's settings only create new products"),
        SkuMatch.Product p => new WriteStep.UpdateProduct(p.ProductId, new V3ProductWrite
        {
            Id = p.ProductId, Name = change.Name, Description = change.Description, Price = change.Price, SalePrice = change.SalePrice,
            CostPrice = change.CostPrice, Weight = change.Weight, IsVisible = change.IsVisible, Availability = change.Availability,
        }, []),
        SkuMatch.Variant v => VariantStep(change, v),
        _ => throw new ArgumentOutOfRangeException(nameof(match)),
    };

    private static WriteStep CreateStep(CatalogChange change) =>
        change.Name is null || change.Price is null
            ? new WriteStep.Refuse($"BigCommerce has no product with SKU {change.Sku}, and a new product needs a name and a price, which this change does not give")
            : new WriteStep.Create(new V3ProductWrite
            {
                Name = change.Name, Type = "physical", Sku = change.Sku, Description = change.Description, Price = change.Price,
                SalePrice = change.SalePrice, CostPrice = change.CostPrice, Weight = change.Weight ?? 0m,
                IsVisible = change.IsVisible ?? false, Availability = change.Availability,
            });

    private static WriteStep VariantStep(CatalogChange change, SkuMatch.Variant variant)
    {
        var productOnly = change.Values().Keys.Where(CatalogChange.ProductOnlyFields.Contains).Order(StringComparer.Ordinal).ToList();
        var write = new V3VariantWrite
        {
            Id = variant.VariantId, Price = change.Price, SalePrice = change.SalePrice, CostPrice = change.CostPrice, Weight = change.Weight,
            PurchasingDisabled = change.Availability is { } availability ? availability == "disabled" : null,
        };
        if (write is { Price: null, SalePrice: null, CostPrice: null, Weight: null, PurchasingDisabled: null })
        {
            return new WriteStep.Refuse($"SKU {change.Sku} is a variant, which has no {string.Join(", ", productOnly)} of its own; nothing else to write");
        }

        IReadOnlyList<string> notes = productOnly.Count == 0 ? [] : [$"{string.Join(", ", productOnly)} not written: SKU {change.Sku} is a variant, which has none of its own"];
        return new WriteStep.UpdateVariant(variant.ProductId, variant.VariantId, write, notes);
    }

    /// <summary>Consecutive requests of at most <paramref name="size"/> items, in order.</summary>
    public static IReadOnlyList<IReadOnlyList<T>> Requests<T>(IReadOnlyList<T> items, int size) =>
        [.. items.Chunk(size).Select(c => (IReadOnlyList<T>)c)];
}
