using Connector.BigCommerce;
using Connector.CatalogPush;

namespace Connector.Tests.CatalogPush;

public sealed class SkuMatchingTests
{
    private static V3VariantMatch Variant(long id, long productId, string sku, bool options) =>
        new() { Id = id, ProductId = productId, Sku = sku, OptionValues = options ? [new V3OptionValue { OptionDisplayName = "Size", Label = "S" }] : [] };

    [Fact]
    public void A_base_variant_stands_for_its_product_and_an_option_variant_for_itself()
    {
        var matches = SkuMatching.Match(["SIMPLE", "shirt-s"], [Variant(11, 1, "SIMPLE", false), Variant(21, 2, "SHIRT-S", true)], []);

        Assert.Equal(new SkuMatch.Product(1), matches["SIMPLE"]);
        Assert.Equal(new SkuMatch.Variant(2, 21), matches["shirt-s"]);
    }

    [Fact]
    public void A_products_own_sku_comes_from_the_products_lookup_and_an_absent_one_is_unknown()
    {
        var matches = SkuMatching.Match(["SHIRT", "NONE"], [], [new V3Product { Id = 2, Sku = "SHIRT" }]);

        Assert.Equal(new SkuMatch.Product(2), matches["SHIRT"]);
        Assert.IsType<SkuMatch.Unknown>(matches["NONE"]);
    }

    [Fact]
    public void A_sku_on_two_products_or_variants_is_a_duplicate_naming_both()
    {
        var matches = SkuMatching.Match(["DUP"], [Variant(11, 1, "DUP", false), Variant(31, 3, "dup", true)], []);

        Assert.Equal("product 1, variant 31 of product 3", Assert.IsType<SkuMatch.Duplicate>(matches["DUP"]).Where);
    }

    [Fact]
    public void The_same_product_found_by_both_lookups_is_one_match()
    {
        var matches = SkuMatching.Match(["SIMPLE"], [Variant(11, 1, "SIMPLE", false)], [new V3Product { Id = 1, Sku = "SIMPLE" }]);

        Assert.Equal(new SkuMatch.Product(1), matches["SIMPLE"]);
    }

    [Fact]
    public void Only_skus_the_variants_lookup_did_not_find_go_to_the_products_lookup() =>
        Assert.Equal(["B"], SkuMatching.NotFound(["a", "B"], [Variant(1, 1, "A", false)]));
}
