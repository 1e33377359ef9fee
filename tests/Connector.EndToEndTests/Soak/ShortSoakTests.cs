using Connector.EndToEndTests.Infrastructure;
using Connector.Testing.Soak;

namespace Connector.EndToEndTests.Soak;

/// <summary>
/// The soak (scripts/soak.sh, docs/soak.md) in a size CI affords: orders by webhook and poll, stock changes,
/// faults on both sides, two LocalHost processes sharing the work (one is killed hard once), one Azurite restart, and a
/// store's token revoked during a back-office outage (the store then registered again), the back office shipping and
/// cancelling a share of the orders (feed and push, duplicates, races), then nothing lost, doubled or stale, no shipment
/// twice or lost, and no cancelled order with a shipment; and a small catalog store with the catalog pull and push on (the
/// merchant changing and deleting products, the back office's feed changing SKUs, some unknown), then no product lost,
/// doubled or echoed, every deletion at the back office (by webhook or by the deletion check), every field at its newest
/// change, and every unknown SKU refused with its reason. It brings its own Azurite (it
/// restarts it) and runs LocalHost as processes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShortSoakTests
{
    [Fact]
    public async Task Under_faults_a_hard_kill_and_a_storage_restart_no_order_is_lost_or_doubled_and_no_stock_is_stale()
    {
        var options = new SoakOptions
        {
            Stores = 2,
            Orders = 240,
            Skus = 40,
            SkuChangeShare = 0.25,
            LoadDuration = TimeSpan.FromSeconds(75),
            OrderPollSchedule = "*/10 * * * * *",
            InventoryPushSchedule = "*/15 * * * * *",
            ShipmentPollSchedule = "*/10 * * * * *",
            FulfilmentShare = 0.15,
            Instances = 2,
            Kills = 1,
            RestartAzurite = true,
            MessageLease = TimeSpan.FromSeconds(10),
            DrainTimeout = TimeSpan.FromSeconds(90),
            CatalogStores = 1,
            CatalogProducts = 24,
            CatalogMerchantChangesPerMinute = 20,
            CatalogFeedChangesPerMinute = 40,
            CatalogPollSchedule = "*/10 * * * * *",
            CatalogPushSchedule = "*/10 * * * * *",
        };
        var progress = new StringWriter();

        var report = await new SoakRun(options, progress).RunAsync();

        var story = report.ToMarkdown() + "\n" + progress;
        Assert.True(report.OrdersCreated == options.Orders, story);
        Assert.True(report.Kills == 1 && report.AzuriteRestarts == 1 && report.Revocations == 1, story);
        Assert.True(report.OrdersLost == 0, story);
        Assert.True(report.DeliveredMoreThanOnceWithDifferentKeys == 0, story);
        Assert.True(report.SkusStale == 0, story);
        Assert.True(report.Poison.Count == 0, story);
        Assert.True(report.DrainTime is not null, story);
        Assert.True(report.InjectedFaults.Values.Sum() > 0, story);

        // The back office's shipments and cancellations, under the same faults, kill and restart.
        var shipments = report.Shipments;
        Assert.True(shipments.ShipmentRecords > 0 && shipments.CancellationRecords > 0 && shipments.Pushes > 0, story);
        Assert.True(shipments.Duplicates.Count == 0, story);
        Assert.True(shipments.Lost.Count == 0, story);
        Assert.True(shipments.CancelledWithShipment.Count == 0, story);
        Assert.True(shipments.Problems.Count == 0 && shipments.Poison == 0, story);
        Assert.True(shipments.ShipmentsPresent == shipments.ShipmentsExpected, story);

        // The catalog both ways, under the same faults, kill and restart.
        var catalog = report.Catalog;
        Assert.True(catalog.MerchantActions.Values.Sum() > 0 && catalog.FeedRecords > catalog.FeedUnknown && catalog.ConnectorVersions > 0, story);
        Assert.True(catalog.PullLost.Count == 0 && catalog.PushLost.Count == 0, story);
        Assert.True(catalog.PullDoubled.Count == 0 && catalog.PushDoubled.Count == 0, story);
        Assert.True(catalog.Echoed.Count == 0, story);
        Assert.True(catalog.PullNotNewest.Count == 0 && catalog.PushNotNewest.Count == 0, story);
        Assert.True(catalog.Problems.Count == 0 && catalog.Refused == catalog.FeedUnknown, story);
        Assert.True(catalog.ProductsDelivered == catalog.ProductsToDeliver - catalog.Folded.Count, story);
    }
}
