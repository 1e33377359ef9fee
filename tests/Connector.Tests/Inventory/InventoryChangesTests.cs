using Connector.Inventory;

namespace Connector.Tests.Inventory;

public sealed class InventoryChangesTests
{
    private static readonly Dictionary<long, int> Wanted = new() { [1] = 5, [2] = 7 };

    [Fact]
    public void A_sku_never_pushed_is_pushed_whole()
    {
        Assert.Equal(Wanted, InventoryChanges.Detect(Wanted, null, force: false));
    }

    [Fact]
    public void An_unchanged_sku_costs_nothing()
    {
        var state = new PushedState(new Dictionary<long, int> { [1] = 5, [2] = 7 }, InventoryStatus.Pushed, new Dictionary<long, int>());

        Assert.Empty(InventoryChanges.Detect(Wanted, state, force: false));
    }

    [Fact]
    public void Only_the_changed_or_new_locations_are_pushed()
    {
        var state = new PushedState(new Dictionary<long, int> { [1] = 4 }, InventoryStatus.Pushed, new Dictionary<long, int>());

        Assert.Equal(new Dictionary<long, int> { [1] = 5, [2] = 7 }, InventoryChanges.Detect(Wanted, state, force: false));
        var partly = new PushedState(new Dictionary<long, int> { [1] = 5, [2] = 6 }, InventoryStatus.Pushed, new Dictionary<long, int>());
        Assert.Equal(new Dictionary<long, int> { [2] = 7 }, InventoryChanges.Detect(Wanted, partly, force: false));
    }

    [Fact]
    public void A_forced_resync_pushes_everything()
    {
        var state = new PushedState(new Dictionary<long, int> { [1] = 5, [2] = 7 }, InventoryStatus.Pushed, new Dictionary<long, int>());

        Assert.Equal(Wanted, InventoryChanges.Detect(Wanted, state, force: true));
    }

    [Fact]
    public void An_unknown_sku_is_not_retried_until_its_quantity_changes()
    {
        var unknown = new PushedState(new Dictionary<long, int>(), InventoryStatus.UnknownSku, new Dictionary<long, int> { [1] = 5, [2] = 7 });

        Assert.Empty(InventoryChanges.Detect(Wanted, unknown, force: false));
        Assert.Equal(new Dictionary<long, int> { [1] = 6 }, InventoryChanges.Detect(new Dictionary<long, int> { [1] = 6, [2] = 7 }, unknown, force: false));
    }

    [Fact]
    public void A_failing_sku_is_tried_again()
    {
        var failing = new PushedState(new Dictionary<long, int>(), InventoryStatus.Failing, new Dictionary<long, int> { [1] = 5, [2] = 7 });

        Assert.Equal(Wanted, InventoryChanges.Detect(Wanted, failing, force: false));
    }
}
