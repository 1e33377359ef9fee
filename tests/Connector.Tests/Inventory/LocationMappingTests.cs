using Connector.Inventory;

namespace Connector.Tests.Inventory;

public sealed class LocationMappingTests
{
    private static readonly StoreLocation Default = new(1, "BIGC-1", "Default");
    private static readonly StoreLocation Warehouse = new(2, "WH", "Warehouse");

    [Fact]
    public void A_single_location_store_takes_everything_at_its_default_location()
    {
        var settings = new InventorySettings();

        Assert.Equal(1, LocationMapping.Resolve("main", settings, [Default]));
        Assert.Equal(1, LocationMapping.Resolve(null, settings, [Default]));
        Assert.Equal(1, LocationMapping.Resolve("main", settings, []));
    }

    [Fact]
    public void The_explicit_map_wins()
    {
        var settings = new InventorySettings { LocationMap = new Dictionary<string, long> { ["main"] = 2 } };

        Assert.Equal(2, LocationMapping.Resolve("main", settings, [Default, Warehouse]));
        Assert.Equal(2, LocationMapping.Resolve("main", settings, [Default]));
    }

    [Fact]
    public void A_location_with_the_same_code_is_used()
    {
        Assert.Equal(2, LocationMapping.Resolve("wh", new InventorySettings(), [Default, Warehouse]));
    }

    [Fact]
    public void An_unknown_location_in_a_multi_location_store_is_not_guessed()
    {
        Assert.Null(LocationMapping.Resolve("elsewhere", new InventorySettings(), [Default, Warehouse]));
    }

    [Fact]
    public void Items_without_a_location_go_to_the_default_or_the_configured_one()
    {
        Assert.Equal(1, LocationMapping.Resolve(null, new InventorySettings(), [Default, Warehouse]));
        Assert.Equal(2, LocationMapping.Resolve(null, new InventorySettings { DefaultLocationId = 2 }, [Default, Warehouse]));
        Assert.Equal(5, LocationMapping.Resolve(null, new InventorySettings(), [new StoreLocation(5, "X", "Only")]));
    }
}
