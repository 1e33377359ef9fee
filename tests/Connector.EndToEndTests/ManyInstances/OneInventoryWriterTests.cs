using Connector.EndToEndTests.Infrastructure;

namespace Connector.EndToEndTests.ManyInstances;

/// <summary>
/// BigCommerce asks to wait for each inventory adjustment's answer before sending the next; with many instances taking
/// SKUs from one queue, that holds only if they take turns. Three instances push one store's stock together.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OneInventoryWriterTests(AzuriteFixture azurite)
{
    /// <remarks>With <c>Connector:Inventory:OneWriterAcrossInstances</c> off the same run had 3 requests under way at once.</remarks>
    [Fact]
    public async Task Three_instances_pushing_one_stores_stock_send_one_adjustment_at_a_time_and_every_sku_lands_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.StartAnotherInstanceAsync();
        await system.StartAnotherInstanceAsync();
        var skus = Enumerable.Range(1, 150).Select(i => $"MANY-{i:000}").ToList();
        await system.Admin.SeedCatalogAsync(system.StoreHash, skus);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, skus.Select((s, i) => (s, 10 + i)));
        // Long enough answers that requests from different instances would overlap if they did not take turns.
        await system.Admin.SetAdjustmentLatencyAsync(system.StoreHash, TimeSpan.FromMilliseconds(150));

        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return skus.Select((s, i) => levels[s].Quantity == 10 + i).All(ok => ok);
        }, "every SKU's stock in the store", TimeSpan.FromSeconds(90));

        var stats = await system.Admin.InventoryStatsAsync(system.StoreHash);
        var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.Equal(1, stats["mostAdjustmentsUnderWay"]!.GetValue<int>());
        Assert.All(skus, s => Assert.Equal(1, levels[s].Writes));
    }
}
