using Connector.EndToEndTests.Infrastructure;
using Connector.Inventory;
using Connector.Testing;

namespace Connector.EndToEndTests.Inventory;

/// <summary>
/// A product tracked by product takes stock by product_id only (inventory.v3.yml); the sandbox refuses its SKU with the
/// spec's 422. The connector finds the product once, writes by product_id and remembers it for the next change.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProductTrackedInventoryTests(AzuriteFixture azurite)
{
    private const string AdjustEndpoint = "PUT /v3/inventory/adjustments/absolute";
    private const string VariantsEndpoint = "GET /v3/catalog/variants";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private static readonly string[] Normal = ["TEE-1", "TEE-2", "TEE-3", "TEE-4"];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_product_tracked_sku_lands_by_product_id_found_once_and_later_changes_go_straight_by_product_id(bool batchWrites)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:Inventory:BatchWrites"] = batchWrites ? "true" : "false" },
        });
        await system.Admin.SeedCatalogAsync(system.StoreHash, [.. Normal, "POSTER"], trackedByProduct: ["POSTER"]);
        var quantities = Normal.ToDictionary(s => s, s => 10);
        quantities["POSTER"] = 5;
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));
        var posterProduct = (await system.Admin.CatalogAsync(system.StoreHash))["POSTER"].ProductId;
        var ledger = system.Service<InventoryLedger>();

        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return quantities.All(q => levels[q.Key].Quantity == q.Value)
                   && (await ledger.FindAsync(system.StoreHash, "POSTER", CancellationToken.None))?.Status == nameof(InventoryStatus.Pushed);
        }, "every SKU in the store, POSTER confirmed", Settle);

        var poster = await ledger.FindAsync(system.StoreHash, "POSTER", CancellationToken.None);
        Assert.Equal(posterProduct, poster!.ProductId);
        Assert.Equal(1, (await system.Admin.StockLevelsAsync(system.StoreHash))["POSTER"].Writes);
        var first = await system.Admin.CallsByEndpointAsync(system.StoreHash);
        Assert.Equal(1, first(VariantsEndpoint)); // the product looked up once
        if (!batchWrites)
        {
            // One call per normal SKU; POSTER: refused by SKU, looked up, written by product_id.
            Assert.Equal(Normal.Length + 2, first(AdjustEndpoint));
            Assert.Equal(1, (await system.Admin.InventoryStatsAsync(system.StoreHash))["adjustmentsRejected"]!.GetValue<long>());
        }

        // Its quantity changes: one call, straight by product_id, no lookup, no refusal.
        quantities["POSTER"] = 8;
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));
        var rejectedBefore = (await system.Admin.InventoryStatsAsync(system.StoreHash))["adjustmentsRejected"]!.GetValue<long>();
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
            (await ledger.FindAsync(system.StoreHash, "POSTER", CancellationToken.None))?.PushedQuantities().GetValueOrDefault(1) == 8,
            "POSTER's new quantity pushed", Settle);

        Assert.Equal((8L, 2L), (await system.Admin.StockLevelsAsync(system.StoreHash))["POSTER"]);
        var second = await system.Admin.CallsByEndpointAsync(system.StoreHash);
        Assert.Equal(1, second(AdjustEndpoint) - first(AdjustEndpoint));
        Assert.Equal(0, second(VariantsEndpoint) - first(VariantsEndpoint));
        Assert.Equal(rejectedBefore, (await system.Admin.InventoryStatsAsync(system.StoreHash))["adjustmentsRejected"]!.GetValue<long>());
    }
}
