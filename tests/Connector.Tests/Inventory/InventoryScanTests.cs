using Connector.Inventory;

namespace Connector.Tests.Inventory;

public sealed class InventoryScanTests
{
    private static readonly InventorySettings Settings = new();

    [Fact]
    public void Groups_a_page_by_sku_and_location()
    {
        var problems = new List<string>();
        var settings = Settings with { LocationMap = new Dictionary<string, long> { ["a"] = 1, ["b"] = 2 } };

        var result = InventorySyncJob.Collect([new("X", 1, "a"), new("X", 2, "b"), new("Y", 3, "a")], null, settings,
            [new StoreLocation(1, "a", "A"), new StoreLocation(2, "b", "B")], new SeenSkus(), problems);

        Assert.Equal(new Dictionary<long, int> { [1] = 1, [2] = 2 }, result["X"]);
        Assert.Equal(new Dictionary<long, int> { [1] = 3 }, result["Y"]);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_sku_listed_twice_for_the_same_location_is_not_pushed_and_is_reported()
    {
        var problems = new List<string>();

        var result = InventorySyncJob.Collect([new("X", 1, null), new("X", 9, null), new("Y", 3, null)], null, Settings, [],
            new SeenSkus(), problems);

        Assert.False(result.ContainsKey("X"));
        Assert.True(result.ContainsKey("Y"));
        Assert.Contains("X", Assert.Single(problems));
    }

    [Fact]
    public void A_repeat_on_a_later_page_is_reported_and_not_pushed()
    {
        var seen = new SeenSkus();
        var problems = new List<string>();
        InventorySyncJob.Collect([new("X", 1, null)], null, Settings, [], seen, problems);

        var second = InventorySyncJob.Collect([new("X", 2, null)], null, Settings, [], seen, problems);

        Assert.Empty(second);
        Assert.Single(problems);
    }

    [Fact]
    public void Only_the_chosen_skus_flow()
    {
        var result = InventorySyncJob.Collect([new("X", 1, null), new("Y", 2, null)], new HashSet<string> { "Y" }, Settings, [],
            new SeenSkus(), []);

        Assert.Equal(["Y"], result.Keys);
    }

    [Fact]
    public void An_unmapped_location_is_reported()
    {
        var problems = new List<string>();

        var result = InventorySyncJob.Collect([new("X", 1, "nowhere")], null, Settings,
            [new StoreLocation(1, "a", "A"), new StoreLocation(2, "b", "B")], new SeenSkus(), problems);

        Assert.Empty(result);
        Assert.Contains("not mapped", Assert.Single(problems));
    }

    [Theory]
    [InlineData("MUG-GRY", "MUG-GRY")]
    [InlineData("A/B#C?D\\E", "A%2FB%23C%3FD%5CE")]
    [InlineData("50%", "50%25")]
    [InlineData("tab\there", "tab%09here")]
    public void Row_keys_escape_what_tables_refuse(string sku, string rowKey)
    {
        Assert.Equal(rowKey, InventoryLedger.RowKey(sku));
    }
}
