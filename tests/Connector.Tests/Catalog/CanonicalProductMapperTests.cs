using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Catalog;

namespace Connector.Tests.Catalog;

public sealed class CanonicalProductMapperTests
{
    [Fact]
    public void A_product_keeps_its_skus_prices_weight_visibility_variants_and_custom_fields()
    {
        var at = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        var product = new V3Product
        {
            Id = 7, Name = "Tee", Sku = "TEE", Price = 20m, SalePrice = 15m, Weight = 0.3m, IsVisible = false, DateModified = at,
            Variants = [new V3ProductVariant { Id = 70, Sku = "TEE-S", OptionValues = [new V3OptionValue { OptionDisplayName = "Size", Label = "S" }] }],
            CustomFields = [new V3CustomField { Name = "material", Value = "cotton" }],
        };

        var canonical = CanonicalProductMapper.Map("abc", product);

        Assert.Equal(("abc", 7L, at, false), (canonical.StoreHash, canonical.ProductId, canonical.Version, canonical.Deleted));
        Assert.Equal(("TEE", "Tee", 20m, 15m, 0.3m, false), (canonical.Sku, canonical.Name, canonical.Prices!.Price, canonical.Prices.SalePrice, canonical.Weight, canonical.IsVisible));
        Assert.Equal("TEE-S", Assert.Single(canonical.Variants!).Sku);
        Assert.Equal(new CanonicalOptionValue("Size", "S"), Assert.Single(canonical.Variants![0].OptionValues));
        Assert.Equal(new CanonicalCustomField("material", "cotton"), Assert.Single(canonical.CustomFields!));
    }

    [Fact]
    public void Each_version_has_its_own_idempotency_key_and_every_report_of_a_deletion_shares_one()
    {
        var at = new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
        Assert.Equal($"abc:product:7:{at.ToUnixTimeSeconds()}", BackOfficeProtocol.ProductIdempotencyKey("abc", 7, at));
        Assert.NotEqual(BackOfficeProtocol.ProductIdempotencyKey("abc", 7, at), BackOfficeProtocol.ProductIdempotencyKey("abc", 7, at.AddSeconds(1)));
        Assert.Equal("abc:product:7:deleted", BackOfficeProtocol.ProductIdempotencyKey("abc", 7, null));
    }
}
