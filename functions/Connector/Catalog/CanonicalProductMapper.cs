using Connector.BackOffice;
using Connector.BigCommerce;

namespace Connector.Catalog;

/// <summary>BigCommerce's product (with variants and custom fields) in the back office's terms; no more than the contract asks.</summary>
public static class CanonicalProductMapper
{
    public static CanonicalProduct Map(string storeHash, V3Product product) => new(
        storeHash,
        product.Id,
        product.DateModified ?? throw new InvalidOperationException($"Product {product.Id} has no date_modified."),
        Deleted: false,
        product.Sku,
        product.Name,
        new CanonicalProductPrices(product.Price, product.SalePrice, product.RetailPrice, product.CostPrice),
        product.Weight,
        product.IsVisible,
        (product.Variants ?? []).Select(v => new CanonicalVariant(
            v.Id, v.Sku, v.Price, v.SalePrice, v.Weight, v.PurchasingDisabled ?? false,
            (v.OptionValues ?? []).Select(o => new CanonicalOptionValue(o.OptionDisplayName ?? "", o.Label ?? "")).ToList())).ToList(),
        (product.CustomFields ?? []).Select(f => new CanonicalCustomField(f.Name ?? "", f.Value ?? "")).ToList());

    public static CanonicalProduct Deletion(string storeHash, long productId, DateTimeOffset reportedAt) =>
        new(storeHash, productId, reportedAt, Deleted: true, null, null, null, null, null, null, null);
}
