using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Orders;
using Connector.Testing;

namespace Connector.EndToEndTests.Installations;

/// <summary>A store that never granted one flow's scope: that flow stops, with what to do; the others go on.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class MissingScopeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_403_on_inventory_marks_only_the_inventory_flow_as_lacking_its_scope_and_orders_still_flow()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: 900, ownerId: 900);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["SCOPE-1"]);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, [("SCOPE-1", 5)]);
        await system.Admin.DenyScopesAsync(system.StoreHash, "store_inventory");
        var registry = system.Service<InstallationRegistry>();

        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => await registry.FindAsync(system.StoreHash, CancellationToken.None) is { } r
                && (r.Status != InstallationStatus.Active || FlowScopeProblems.Of(r).Count > 0),
            "the inventory push's 403 recorded", Settle);

        var installation = (await registry.FindAsync(system.StoreHash, CancellationToken.None))!;
        Assert.Equal(InstallationStatus.Active, installation.Status);
        var problem = Assert.Single(FlowScopeProblems.Of(installation));
        Assert.Equal(SyncCursors.InventoryFlow, problem.Flow);
        Assert.Contains("store_inventory", problem.Action, StringComparison.Ordinal);

        // The orders flow goes on.
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == ids.Count, "the orders delivered", Settle);
        Assert.Single(FlowScopeProblems.Of((await registry.FindAsync(system.StoreHash, CancellationToken.None))!));

        // The merchant's page says which flow stopped and what to do.
        var page = (await new MerchantPageClient(system.Connector.Http, system.Admin).OpenAsync(system.StoreHash, 900)).Text;
        Assert.Contains("Inventory flow stopped", page, StringComparison.Ordinal);
        Assert.Contains("for lack of the scope store_inventory", page, StringComparison.Ordinal);

        // Once the scope is granted, the next push works and the mark goes.
        await system.Admin.DenyScopesAsync(system.StoreHash);
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.StockLevelsAsync(system.StoreHash))["SCOPE-1"].Quantity == 5, "the stock pushed", Settle);
        await Eventually.TrueAsync(async () => FlowScopeProblems.Of((await registry.FindAsync(system.StoreHash, CancellationToken.None))!).Count == 0,
            "the inventory flow no longer marked", Settle);
    }

    [Fact]
    public async Task A_403_on_orders_stops_only_the_orders_flow_whose_orders_arrive_once_the_api_account_has_the_scope()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["SCOPE-2"]);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, [("SCOPE-2", 8)]);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        await system.Admin.DenyScopesAsync(system.StoreHash, "store_v2_orders");
        var registry = system.Service<InstallationRegistry>();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => FlowScopeProblems.Of((await registry.FindAsync(system.StoreHash, CancellationToken.None))!).Count > 0,
            "the poll's 403 recorded", Settle);
        var installation = (await registry.FindAsync(system.StoreHash, CancellationToken.None))!;
        Assert.Equal(InstallationStatus.Active, installation.Status);
        var problem = Assert.Single(FlowScopeProblems.Of(installation));
        Assert.Equal(SyncCursors.OrdersFlow, problem.Flow);
        Assert.Contains("API account", problem.Action, StringComparison.Ordinal);

        // Inventory goes on.
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.StockLevelsAsync(system.StoreHash))["SCOPE-2"].Quantity == 8, "the stock pushed", Settle);

        // The operator gives the API account the scope: the next poll brings the orders, once each, and the mark goes.
        await system.Admin.DenyScopesAsync(system.StoreHash);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == ids.Count, "the orders delivered", Settle);
        Assert.All((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders, o => Assert.Equal(1, o.Deliveries));
        await Eventually.TrueAsync(async () => FlowScopeProblems.Of((await registry.FindAsync(system.StoreHash, CancellationToken.None))!).Count == 0,
            "the orders flow no longer marked", Settle);
    }
}
