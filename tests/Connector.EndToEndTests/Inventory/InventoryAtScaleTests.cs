using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Inventory;
using Connector.Orders;
using Connector.Storage;
using Connector.Testing;

namespace Connector.EndToEndTests.Inventory;

/// <summary>
/// The stock flow at more than a handful of SKUs: a scan whose ledger and feed span several pages, and ledger claims and
/// confirmations shared by the SKUs in hand at once (one table transaction), retried after a crash.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class InventoryAtScaleTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_catalogue_of_several_feed_and_ledger_pages_pushes_exactly_the_changed_skus()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        // More than one page of the ledger's query (1,000 rows) and five pages of the feed.
        var skus = Enumerable.Range(1, 1100).Select(i => $"BIG-{i:0000}").ToList();
        await system.Admin.SeedCatalogAsync(system.StoreHash, skus);
        await system.Admin.SetFeedPageSizeAsync(250);
        var quantities = skus.ToDictionary(s => s, _ => 10);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));
        await PushAndSettleAsync(system, quantities);

        // One SKU in 30 changes, spread over every page.
        var changed = skus.Where((_, i) => i % 30 == 7).ToHashSet();
        foreach (var sku in changed)
        {
            quantities[sku] = 3;
        }

        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));
        await PushAndSettleAsync(system, quantities);

        var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.All(skus, s => Assert.Equal(((long)quantities[s], changed.Contains(s) ? 2L : 1L), levels[s]));
        var scan = await system.Service<SyncCursors>().FindAsync(system.StoreHash, SyncCursors.InventoryFlow, CancellationToken.None);
        Assert.StartsWith($"ok: 5 pages, 1100 items, {changed.Count} SKUs enqueued, {1100 - changed.Count} unchanged", scan!.LastResult);
        await Eventually.TrueAsync(async () =>
        {
            var ledger = await system.Service<InventoryLedger>().ReadStoreAsync(system.StoreHash, CancellationToken.None);
            return skus.All(s => ledger[s].Status == nameof(InventoryStatus.Pushed) && ledger[s].PushedQuantities()[1] == quantities[s]);
        }, "every SKU confirmed in the ledger at its new quantity", Settle);
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Inventory));
    }

    [Fact]
    public async Task Skus_whose_worker_died_between_the_write_and_the_confirmation_are_written_again_and_confirmed()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var skus = Enumerable.Range(1, 40).Select(i => $"CRASH-{i:00}").ToList();
        await system.Admin.SeedCatalogAsync(system.StoreHash, skus);
        var ledger = system.Service<InventoryLedger>();
        var readAt = DateTimeOffset.UtcNow.AddMinutes(-1);

        // What a worker that died after its absolute adjustment leaves: each SKU claimed at its read, nothing confirmed,
        // and its message back on the queue once its lease ends (here: sent again as it was).
        foreach (var (sku, i) in skus.Select((s, i) => (s, i)))
        {
            await ledger.UpdateAsync(system.StoreHash, sku, entry =>
            {
                entry.SetClaims(new Dictionary<long, Claim> { [1] = new(readAt, 100 + i) });
                return true;
            }, CancellationToken.None);
        }

        var queue = system.Service<WorkQueue>();
        await Task.WhenAll(skus.Select((sku, i) => queue.SendAsync(QueueNames.Inventory,
            new InventoryMessage(system.StoreHash, sku, new Dictionary<long, int> { [1] = 100 + i }, readAt, "crashed"), CancellationToken.None)));

        await Eventually.TrueAsync(async () =>
        {
            var rows = await ledger.ReadStoreAsync(system.StoreHash, CancellationToken.None);
            return skus.All(s => rows[s].Status == nameof(InventoryStatus.Pushed));
        }, "every SKU confirmed", Settle);
        var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
        var confirmed = await ledger.ReadStoreAsync(system.StoreHash, CancellationToken.None);
        Assert.All(skus.Select((s, i) => (s, i)), x =>
        {
            Assert.Equal(100 + x.i, levels[x.s].Quantity);
            Assert.Equal(100 + x.i, confirmed[x.s].PushedQuantities()[1]);
        });
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Inventory));
    }

    private static async Task PushAndSettleAsync(ConnectorSystem system, IReadOnlyDictionary<string, int> expected)
    {
        var cursors = system.Service<SyncCursors>();
        var before = (await cursors.FindAsync(system.StoreHash, SyncCursors.InventoryFlow, CancellationToken.None))?.LastRunAt;
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
            (await cursors.FindAsync(system.StoreHash, SyncCursors.InventoryFlow, CancellationToken.None))?.LastRunAt != before, "scan recorded", Settle);
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return expected.All(e => levels.TryGetValue(e.Key, out var l) && l.Quantity == e.Value);
        }, "stock levels in the store", Settle);
        await Eventually.TrueAsync(async () =>
        {
            var ledger = await system.Service<InventoryLedger>().ReadStoreAsync(system.StoreHash, CancellationToken.None);
            return expected.All(e => ledger.TryGetValue(e.Key, out var row) && row.PushedQuantities().GetValueOrDefault(1) == e.Value);
        }, "ledger confirmations", Settle);
    }
}
