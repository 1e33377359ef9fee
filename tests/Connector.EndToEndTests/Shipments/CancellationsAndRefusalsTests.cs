using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Orders;
using Connector.Shipments;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>Cancellations, and every record BigCommerce or the connector refuses: recorded with a reason, nothing doubled, the rest goes on.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CancellationsAndRefusalsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_cancellation_cancels_an_unshipped_order_when_the_store_allows_it_and_the_back_office_does_not_hear_it_back()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(orderId))?.Status == OrderLedgerStatus.Delivered, "the order in the back office");
        await system.AllowCancellationsAsync();

        await system.FeedAsync(SandboxAdmin.CancellationRecord(system.StoreHash, "CAN-1", orderId, reason: "Customer asked"));

        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("cancellation", "CAN-1")).State);
        Assert.Equal(5, await system.StatusAsync(orderId));
        // The version the cancellation made is the back office's own doing: the next poll does not send it back.
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(orderId))?.OwnWriteModifiedAt is not null, "the cancelled version marked as the connector's own");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Single(o => o.OrderId == orderId).Versions);
    }

    [Fact]
    public async Task Cancellations_are_off_by_default_and_an_order_shipped_in_part_is_never_cancelled()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 2, lineItems: 2);
        var (off, shipped) = (ids[0], ids[1]);

        await system.FeedAsync(SandboxAdmin.CancellationRecord(system.StoreHash, "CAN-OFF", off));
        var refusedOff = await system.SettledAsync("cancellation", "CAN-OFF");
        Assert.Equal(FulfilmentState.Refused, refusedOff.State);
        Assert.Contains("cancelling orders is off", refusedOff.LastError);
        Assert.Equal(11, await system.StatusAsync(off));

        await system.AllowCancellationsAsync();
        var line = (await system.LinesAsync(shipped))[0];
        await system.MerchantShipsAsync(shipped, line.OrderProductId, 1, "BYHAND");
        await system.FeedAsync(SandboxAdmin.CancellationRecord(system.StoreHash, "CAN-SHIPPED", shipped));
        var refusedShipped = await system.SettledAsync("cancellation", "CAN-SHIPPED");
        Assert.Equal(FulfilmentState.Refused, refusedShipped.State);
        Assert.Contains("already shipped in part", refusedShipped.LastError);
        Assert.Equal(3, await system.StatusAsync(shipped));
    }

    [Fact]
    public async Task A_cancelled_order_is_not_shipped_and_a_shipped_order_is_not_cancelled_by_the_back_office()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.AllowCancellationsAsync();
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 2, lineItems: 1);
        var (cancelFirst, shipFirst) = (ids[0], ids[1]);
        var cancelLine = (await system.LinesAsync(cancelFirst))[0];
        var shipLine = (await system.LinesAsync(shipFirst))[0];

        await system.FeedAsync(
            SandboxAdmin.CancellationRecord(system.StoreHash, "C-A", cancelFirst),
            SandboxAdmin.ShipmentRecord(system.StoreHash, "S-B", shipFirst, items: [(shipLine.Sku, 1)], trackingNumber: "SB"));
        await system.SettledAsync("cancellation", "C-A");
        await system.SettledAsync("shipment", "S-B");

        await system.FeedAsync(
            SandboxAdmin.ShipmentRecord(system.StoreHash, "S-A", cancelFirst, items: [(cancelLine.Sku, 1)], trackingNumber: "SA"),
            SandboxAdmin.CancellationRecord(system.StoreHash, "C-B", shipFirst));

        var shipCancelled = await system.SettledAsync("shipment", "S-A");
        Assert.Equal(FulfilmentState.Refused, shipCancelled.State);
        Assert.Contains("cancelled", shipCancelled.LastError);
        Assert.Empty(await system.BigCommerceShipmentsAsync(cancelFirst));
        var cancelShipped = await system.SettledAsync("cancellation", "C-B");
        Assert.Equal(FulfilmentState.Refused, cancelShipped.State);
        Assert.Equal(5, await system.StatusAsync(cancelFirst));
        Assert.NotEqual(5, await system.StatusAsync(shipFirst));
    }

    [Fact]
    public async Task Each_bad_record_is_refused_with_its_reason_and_the_rest_ship()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 2))[0];
        var lines = await system.LinesAsync(orderId);
        var malformed = SandboxAdmin.ShipmentRecord(system.StoreHash, "BAD-SHAPE", orderId, items: [(lines[0].Sku, 1)]);
        malformed.Remove("shipped_at");

        await system.FeedAsync(
            SandboxAdmin.ShipmentRecord(system.StoreHash, "BAD-ORDER", 987654, items: [(lines[0].Sku, 1)]),
            SandboxAdmin.ShipmentRecord(system.StoreHash, "BAD-SKU", orderId, items: [("NO-SUCH-SKU", 1)]),
            SandboxAdmin.ShipmentRecord(system.StoreHash, "TOO-MANY", orderId, items: [(lines[0].Sku, lines[0].Quantity + 5)]),
            malformed,
            SandboxAdmin.ShipmentRecord("someotherstore", "OTHER-STORE", orderId, items: [(lines[0].Sku, 1)]),
            SandboxAdmin.ShipmentRecord(system.StoreHash, "GOOD", orderId, items: [(lines[1].Sku, lines[1].Quantity)], trackingNumber: "GOOD"));

        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "GOOD")).State);
        Assert.Contains("no order 987654", (await system.SettledAsync("shipment", "BAD-ORDER")).LastError);
        Assert.Contains("SKU NO-SUCH-SKU is not on order", (await system.SettledAsync("shipment", "BAD-SKU")).LastError);
        Assert.Contains("left unshipped", (await system.SettledAsync("shipment", "TOO-MANY")).LastError);
        var shipment = Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Equal("GOOD", shipment["tracking_number"]!.GetValue<string>());

        // Records that are not the documented shape never become messages: the run reports them.
        var run = await system.Service<SyncCursors>().FindAsync(system.StoreHash, SyncCursors.ShipmentsFlow, CancellationToken.None);
        Assert.Contains("2 refused", run!.LastResult);
        Assert.Contains("BAD-SHAPE", run.LastResult);
        Assert.Contains("OTHER-STORE", run.LastResult);
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Shipments));
    }

    [Fact]
    public async Task A_feed_page_that_fails_or_is_malformed_keeps_the_cursor_and_the_run_is_retried()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        var line = (await system.LinesAsync(orderId))[0];
        await system.Admin.SetShipmentFeedCorruptionAsync("malformed-page", page: 1, remaining: 2);

        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "AFTER-BAD-PAGE", orderId, items: [(line.Sku, line.Quantity)], trackingNumber: "ABP"));

        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "AFTER-BAD-PAGE")).State);
        Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
        Assert.True((await system.Admin.ShipmentFeedStatsAsync(system.StoreHash))["requests"]!.GetValue<int>() >= 3, "the page read again after the bad ones");
    }
}
