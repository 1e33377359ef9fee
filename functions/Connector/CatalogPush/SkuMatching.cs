using Connector.BigCommerce;

namespace Connector.CatalogPush;

/// <summary>Where one SKU is in BigCommerce.</summary>
public abstract record SkuMatch
{
    /// <summary>A product's own SKU (a simple product's base variant, or a product with options): product fields go on the product.</summary>
    public sealed record Product(long ProductId) : SkuMatch;

    /// <summary>A variant of a product with options.</summary>
    public sealed record Variant(long ProductId, long VariantId) : SkuMatch;

    public sealed record Unknown : SkuMatch;

    /// <summary>On more than one product or variant: which one is meant cannot be told, so nothing is written.</summary>
    public sealed record Duplicate(string Where) : SkuMatch;
}

/// <summary>
/// Matching by SKU (product SKU or variant SKU; BigCommerce's SKUs match without regard to case). A variant without
/// option values is a product's base variant: it stands for the product. A SKU found on two different products or
/// variants is a duplicate, refused with where it was found.
/// </summary>
public static class SkuMatching
{
    public static Dictionary<string, SkuMatch> Match(IEnumerable<string> skus, IReadOnlyList<V3VariantMatch> variants, IReadOnlyList<V3Product> products)
    {
        var targets = new Dictionary<string, HashSet<SkuMatch>>(StringComparer.OrdinalIgnoreCase);
        foreach (var variant in variants.Where(v => v.Sku is { Length: > 0 }))
        {
            SkuMatch match = variant.OptionValues is { Count: > 0 } ? new SkuMatch.Variant(variant.ProductId, variant.Id) : new SkuMatch.Product(variant.ProductId);
            Add(targets, variant.Sku!, match);
        }

        foreach (var product in products.Where(p => p.Sku is { Length: > 0 }))
        {
            Add(targets, product.Sku!, new SkuMatch.Product(product.Id));
        }

        var result = new Dictionary<string, SkuMatch>(StringComparer.OrdinalIgnoreCase);
        foreach (var sku in skus)
        {
            result[sku] = targets.TryGetValue(sku, out var found) switch
            {
                false => new SkuMatch.Unknown(),
                true when found.Count == 1 => found.First(),
                _ => new SkuMatch.Duplicate(string.Join(", ", found.Select(Describe).Order(StringComparer.Ordinal))),
            };
        }

        return result;
    }

    /// <summary>The SKUs the variants lookup did not find: the products lookup may (a product with options has a SKU of its own).</summary>
    public static IReadOnlyList<string> NotFound(IEnumerable<string> skus, IReadOnlyList<V3VariantMatch> variants)
    {
        var found = variants.Where(v => v.Sku is not null).Select(v => v.Sku!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. skus.Where(s => !found.Contains(s))];
    }

    private static void Add(Dictionary<string, HashSet<SkuMatch>> targets, string sku, SkuMatch match)
    {
        if (!targets.TryGetValue(sku, out var set))
        {
            targets[sku] = set = [];
        }

        set.Add(match);
    }

    private static string Describe(SkuMatch match) => match switch
    {
        SkuMatch.Product p => $"product {p.ProductId}",
        SkuMatch.Variant v => $"variant {v.VariantId} of product {v.ProductId}",
        _ => "?",
    };
}
