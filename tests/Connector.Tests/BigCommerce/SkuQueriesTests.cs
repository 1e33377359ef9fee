using Connector.BigCommerce;

namespace Connector.Tests.BigCommerce;

/// <summary>How SKUs are asked for: one list for the plain ones, and a SKU holding a comma on its own (a list is split on commas).</summary>
public sealed class SkuQueriesTests
{
    [Fact]
    public void Plain_skus_share_one_list_escaped()
    {
        Assert.Equal(["sku:in=A-1,b%202,%C3%A9"], BigCommerceCatalogWriteClient.SkuQueries(["A-1", "b 2", "é"]));
    }

    [Fact]
    public void A_sku_holding_a_comma_is_asked_for_exactly_and_alone()
    {
        Assert.Equal(["sku:in=A,C", "sku=TEE%2CRED"], BigCommerceCatalogWriteClient.SkuQueries(["A", "TEE,RED", "C"]));
        Assert.Equal(["sku=X%2CY", "sku=%2C"], BigCommerceCatalogWriteClient.SkuQueries(["X,Y", ","]));
    }

    [Fact]
    public void More_than_one_lookup_holds_is_a_caller_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BigCommerceCatalogWriteClient.SkuQueries([.. Enumerable.Range(0, 51).Select(i => $"S{i}")]).ToList());
    }
}
