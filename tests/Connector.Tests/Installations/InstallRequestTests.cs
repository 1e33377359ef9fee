using Connector.Installations;

namespace Connector.Tests.Installations;

public sealed class InstallRequestTests
{
    [Theory]
    [InlineData("stores/g5cd38", "g5cd38")]
    [InlineData("stores/abc123", "abc123")]
    [InlineData("stores/", null)]
    [InlineData("stores/ABC", null)]
    [InlineData("stores/g5cd38/extra", null)]
    [InlineData("users/g5cd38", null)]
    [InlineData("stores/<script>", null)]
    [InlineData(null, null)]
    public void The_store_hash_comes_only_from_a_well_formed_context(string? context, string? expected)
    {
        Assert.Equal(expected, AuthCallbackHandler.StoreHashOf(context));
    }

    [Fact]
    public void Granted_scopes_cover_what_is_required_and_modify_covers_read_only()
    {
        var missing = ScopeCheck.Missing("store_v2_orders store_inventory store_v2_products store_v2_information_read_only",
            ["store_v2_orders", "store_inventory", "store_v2_products_read_only", "store_v2_information_read_only"]);

        Assert.Empty(missing);
    }

    [Fact]
    public void Missing_scopes_are_named()
    {
        var missing = ScopeCheck.Missing("store_v2_orders_read_only store_inventory",
            ["store_v2_orders", "store_inventory", "store_v2_products_read_only"]);

        Assert.Equal(["store_v2_orders", "store_v2_products_read_only"], missing);
    }
}
