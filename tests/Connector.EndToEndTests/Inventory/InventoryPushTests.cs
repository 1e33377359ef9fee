using Connector.EndToEndTests.Infrastructure;
using Connector.Inventory;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Connector.Testing;

namespace Connector.EndToEndTests.Inventory;

/// <summary>Stock levels from the sandbox back office to the sandbox store through the real connector, queues and tables.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class InventoryPushTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static readonly string[] Skus = [.. Enumerable.Range(1, 10).Select(i => $"INV-{i:00}")];

    [Fact]
    public async Task Exactly_the_changed_skus_change_in_the_store_and_an_unchanged_run_writes_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, Skus);
        await system.Admin.SetFeedPageSizeAsync(3); // several pages
        var quantities = Skus.ToDictionary(s => s, s => 10);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));

        await PushAndSettleAsync(system, quantities);
        var first = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.All(Skus, s => Assert.Equal((10L, 1L), first[s]));

        // Change three SKUs: exactly those are written again.
        quantities["INV-02"] = 0;
        quantities["INV-05"] = 42;
        quantities["INV-09"] = 7;
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));
        await PushAndSettleAsync(system, quantities);
        var second = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.All(Skus, s => Assert.Equal(((long)quantities[s], s is "INV-02" or "INV-05" or "INV-09" ? 2L : 1L), second[s]));

        // No change: the scan runs and BigCommerce gets no write.
        var before = (await system.Admin.InventoryStatsAsync(system.StoreHash))["adjustmentRequests"]!.GetValue<long>();
        var ran = await ScanResultAsync(system);
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => (await ScanResultAsync(system)).At != ran.At, "second scan recorded", Settle);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before, (await system.Admin.InventoryStatsAsync(system.StoreHash))["adjustmentRequests"]!.GetValue<long>());
        Assert.StartsWith("ok: 4 pages, 10 items, 0 SKUs enqueued, 10 unchanged", (await ScanResultAsync(system)).Result);

        var entry = await system.Service<InventoryLedger>().FindAsync(system.StoreHash, "INV-05", CancellationToken.None);
        Assert.Equal(nameof(InventoryStatus.Pushed), entry!.Status);
        Assert.Equal(42, entry.PushedQuantities()[1]);
        Assert.NotNull(entry.PushedAt);
    }

    [Fact]
    public async Task A_sku_unknown_to_BigCommerce_is_reported_and_the_rest_succeed_and_a_forced_resync_pushes_all()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["KNOWN-1", "KNOWN-2", "BYPRODUCT-1"], trackedByProduct: ["BYPRODUCT-1"]);
        var quantities = new Dictionary<string, int> { ["KNOWN-1"] = 3, ["KNOWN-2"] = 4, ["BYPRODUCT-1"] = 5, ["GHOST-1"] = 6 };
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, quantities.Select(q => (q.Key, q.Value)));

        await system.RunInventoryPushAsync();
        var ledger = system.Service<InventoryLedger>();
        await Eventually.TrueAsync(async () => (await ledger.FindAsync(system.StoreHash, "GHOST-1", CancellationToken.None))?.Status == nameof(InventoryStatus.UnknownSku),
            "unknown SKU recorded", Settle);
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return levels["KNOWN-1"].Quantity == 3 && levels["KNOWN-2"].Quantity == 4 && levels["BYPRODUCT-1"].Quantity == 5;
        }, "known SKUs set", Settle);
        var ghost = await ledger.FindAsync(system.StoreHash, "GHOST-1", CancellationToken.None);
        Assert.Contains("does not know SKU GHOST-1", ghost!.LastError);

        // The unknown SKU is not retried while its quantity stays the same.
        await Eventually.TrueAsync(async () => (await ScanResultAsync(system)).Result?.StartsWith("ok", StringComparison.Ordinal) == true, "scan recorded", Settle);
        var ran = await ScanResultAsync(system);
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => (await ScanResultAsync(system)).At != ran.At, "second scan recorded", Settle);
        Assert.Contains("0 SKUs enqueued", (await ScanResultAsync(system)).Result);

        // Force resync: every SKU is pushed again regardless of the ledger, then the request clears itself.
        var settings = system.Service<StoreSettings>();
        var before = await system.Admin.StockLevelsAsync(system.StoreHash);
        await settings.SaveInventorySettingsAsync(system.StoreHash, new InventorySettings { ResyncRequestedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return levels.Where(l => l.Key != "GHOST-1").All(l => l.Value.Writes > before[l.Key].Writes);
        }, "every known SKU written again", Settle);
        Assert.Null((await settings.GetInventorySettingsAsync(system.StoreHash, CancellationToken.None)).ResyncRequestedAt);
    }

    [Theory]
    [InlineData("negative")]
    [InlineData("non-numeric")]
    [InlineData("duplicate-sku")]
    public async Task A_bad_item_is_reported_on_the_scan_and_never_written(string kind)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, Skus);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, Skus.Select(s => (s, 8)));
        await system.Admin.CorruptFeedAsync(kind);

        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => (await ScanResultAsync(system)).Result?.Contains("rejected", StringComparison.Ordinal) == true,
            "rejection recorded", Settle);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.All(levels.Values, l => Assert.True(l.Quantity is 0 or 8, $"quantity {l.Quantity}"));
        Assert.Contains(levels.Values, l => l.Quantity == 8);
    }

    [Theory]
    [InlineData("malformed-page")]
    [InlineData("fail-page")]
    public async Task A_page_that_fails_stops_the_scan_which_is_retried_and_nothing_is_lost(string kind)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, Skus);
        await system.Admin.SetFeedPageSizeAsync(4);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, Skus.Select(s => (s, 9)));
        await system.Admin.CorruptFeedAsync(kind, page: 2, times: 1);

        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.StockLevelsAsync(system.StoreHash)).Values.All(l => l.Quantity == 9),
            "every SKU set once the page is served again", Settle);
        Assert.StartsWith("ok", (await ScanResultAsync(system)).Result);
        Assert.Empty(await system.PoisonMessagesAsync(Connector.Hosting.QueueNames.StoreSync));
    }

    [Fact]
    public async Task An_older_read_arriving_after_a_newer_one_never_overwrites_it()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["RACE-1"]);
        var queue = system.Service<WorkQueue>();
        var newer = DateTimeOffset.UtcNow;

        await queue.SendAsync(Connector.Hosting.QueueNames.Inventory,
            new InventoryMessage(system.StoreHash, "RACE-1", new Dictionary<long, int> { [1] = 20 }, newer, "newer"), CancellationToken.None);
        var ledger = system.Service<InventoryLedger>();
        await Eventually.TrueAsync(async () => (await ledger.FindAsync(system.StoreHash, "RACE-1", CancellationToken.None))?.Status == nameof(InventoryStatus.Pushed),
            "newer read pushed", Settle);
        await queue.SendAsync(Connector.Hosting.QueueNames.Inventory,
            new InventoryMessage(system.StoreHash, "RACE-1", new Dictionary<long, int> { [1] = 10 }, newer.AddMinutes(-5), "older"), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var level = (await system.Admin.StockLevelsAsync(system.StoreHash))["RACE-1"];
        Assert.Equal((20L, 1L), level);
        Assert.Equal(20, (await ledger.FindAsync(system.StoreHash, "RACE-1", CancellationToken.None))!.PushedQuantities()[1]);
    }

    [Fact]
    public async Task A_store_with_the_flow_off_is_not_scanned_and_order_settings_writes_keep_the_inventory_settings()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["OFF-1"]);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, [("OFF-1", 4)]);
        var settings = system.Service<StoreSettings>();
        await settings.SaveInventorySettingsAsync(system.StoreHash, new InventorySettings { Enabled = false }, CancellationToken.None);
        await settings.SaveOrderSettingsAsync(system.StoreHash, new OrderSettings(), CancellationToken.None);
        Assert.False((await settings.GetInventorySettingsAsync(system.StoreHash, CancellationToken.None)).Enabled);

        await system.RunInventoryPushAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Null((await ScanResultAsync(system)).At);
        Assert.Equal(0, (await system.Admin.InventoryStatsAsync(system.StoreHash))["adjustmentRequests"]!.GetValue<long>());
    }

    private static async Task PushAndSettleAsync(ConnectorSystem system, IReadOnlyDictionary<string, int> expected)
    {
        await system.RunInventoryPushAsync();
        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return expected.All(e => levels.TryGetValue(e.Key, out var l) && l.Quantity == e.Value);
        }, "stock levels in the store", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1)); // let ledger confirmations land
    }

    private static async Task<(DateTimeOffset? At, string? Result)> ScanResultAsync(ConnectorSystem system)
    {
        var cursor = await system.Service<SyncCursors>().FindAsync(system.StoreHash, SyncCursors.InventoryFlow, CancellationToken.None);
        return (cursor?.LastRunAt, cursor?.LastResult);
    }
}
