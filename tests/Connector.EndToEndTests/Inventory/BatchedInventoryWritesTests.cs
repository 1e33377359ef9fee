using Connector.EndToEndTests.Infrastructure;
using Connector.Inventory;
using Connector.Testing;

namespace Connector.EndToEndTests.Inventory;

/// <summary>Batched writes (the SKUs processed at the same moment share an absolute adjustment) keep per-SKU outcomes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BatchedInventoryWritesTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_hundred_changed_skus_with_one_unknown_all_land_in_few_calls_and_the_unknown_one_is_recorded()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:Inventory:BatchWrites"] = "true" },
        });
        var known = Enumerable.Range(1, 99).Select(i => $"BATCH-{i:000}").ToList();
        await system.Admin.SeedCatalogAsync(system.StoreHash, known);
        var quantities = known.Select((s, i) => (s, 1 + i)).Append(("GHOST-7", 7)).ToList();
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities);
        var ledger = system.Service<InventoryLedger>();

        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return known.Select((s, i) => levels[s].Quantity == 1 + i).All(ok => ok)
                   && (await ledger.FindAsync(system.StoreHash, "GHOST-7", CancellationToken.None))?.Status == nameof(InventoryStatus.UnknownSku);
        }, "every known SKU in the store and the unknown one recorded", Settle);

        var ghost = await ledger.FindAsync(system.StoreHash, "GHOST-7", CancellationToken.None);
        Assert.Contains("does not know SKU GHOST-7", ghost!.LastError);
        var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.All(known, s => Assert.Equal(1, levels[s].Writes)); // each good SKU written exactly once
        await Eventually.TrueAsync(async () =>
        {
            var all = await ledger.ReadStoreAsync(system.StoreHash, CancellationToken.None);
            return known.All(s => all.TryGetValue(s, out var e) && e.Status == nameof(InventoryStatus.Pushed));
        }, "every known SKU confirmed in the ledger", Settle);

        var calls = (await system.Admin.CallsByEndpointAsync(system.StoreHash))("PUT /v3/inventory/adjustments/absolute");
        Assert.True(calls <= 35, $"{calls} absolute adjustments for 100 SKUs");
        Assert.Empty(await system.PoisonMessagesAsync(Connector.Hosting.QueueNames.Inventory));
    }
}
