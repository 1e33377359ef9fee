using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Shipments;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>Back-office shipments reach BigCommerce: one BigCommerce shipment per back-office shipment, whatever arrives twice.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShipmentsToBigCommerceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_full_shipment_by_sku_ships_the_order_once_with_its_tracking_and_carrier()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 2))[0];
        var lines = await system.LinesAsync(orderId);

        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "SHP-1", orderId,
            items: lines.Select(l => (l.Sku, l.Quantity)), trackingNumber: "1Z999AA10123456784", carrier: "UPS"));

        var entry = await system.SettledAsync("shipment", "SHP-1");
        Assert.Equal(FulfilmentState.Done, entry.State);
        var shipment = Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Equal(entry.BigCommerceShipmentId, shipment["id"]!.GetValue<long>());
        Assert.Equal("1Z999AA10123456784", shipment["tracking_number"]!.GetValue<string>());
        Assert.Equal("ups", shipment["shipping_provider"]!.GetValue<string>());
        Assert.Equal(2, await system.StatusAsync(orderId)); // Shipped

        // The feed's cursor moved: the next poll reads nothing again, and BigCommerce still has one shipment.
        await system.RunShipmentPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.ShipmentFeedStatsAsync(system.StoreHash))["requests"]!.GetValue<int>() >= 2,
            "the second poll read the feed");
        Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
    }

    [Fact]
    public async Task Partial_then_rest_in_two_parcels_moves_the_order_to_partially_shipped_then_shipped()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 2))[0];
        var lines = await system.LinesAsync(orderId);

        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "PART-1", orderId, items: [(lines[0].Sku, lines[0].Quantity)], trackingNumber: "T1"));
        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "PART-1")).State);
        Assert.Equal(3, await system.StatusAsync(orderId)); // Partially Shipped

        // The rest by BigCommerce order product id, as a back office that kept the ids sends it.
        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "PART-2", orderId,
            orderProductItems: [(lines[1].OrderProductId, lines[1].Quantity)], trackingNumber: "T2", carrier: "Acme Couriers"));
        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "PART-2")).State);
        Assert.Equal(2, await system.StatusAsync(orderId));

        var shipments = await system.BigCommerceShipmentsAsync(orderId);
        Assert.Equal(["T1", "T2"], shipments.Select(s => s["tracking_number"]!.GetValue<string>()).Order());
        // An unknown carrier is kept in words, never a refusal: no provider, the number kept.
        var acme = shipments.Single(s => s["tracking_number"]!.GetValue<string>() == "T2");
        Assert.Equal("", acme["shipping_provider"]!.GetValue<string>());
        Assert.Contains("Acme Couriers", acme["shipping_method"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_same_shipment_from_the_feed_twice_and_pushed_as_well_is_one_shipment()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        var line = (await system.LinesAsync(orderId))[0];
        var record = SandboxAdmin.ShipmentRecord(system.StoreHash, "DUP-1", orderId, items: [(line.Sku, 1)], trackingNumber: "DUP");

        await system.Admin.AppendBackOfficeShipmentsAsync(system.StoreHash, record, record);
        var pushed = system.Admin.PushShipmentsAsync(system.PushUrl().ToString(), [record]);
        await system.RunShipmentPollAsync();
        Assert.Equal(202, (await pushed).Status);

        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "DUP-1")).State);
        await Task.Delay(TimeSpan.FromSeconds(3)); // the copies are processed too
        Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Shipments));
    }

    [Fact]
    public async Task Lost_answers_and_errors_from_BigCommerce_never_make_a_second_shipment()
    {
        // Half of BigCommerce's answers fail: the client's circuit breaker opens, and a message's five quick attempts can
        // all fall inside one open period (15 s). As in production, such a message gets a later round instead of poison.
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "6", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
        });
        var orders = await system.Admin.CreateOrdersAsync(system.StoreHash, 8, lineItems: 1);
        var records = new List<System.Text.Json.Nodes.JsonObject>();
        foreach (var orderId in orders)
        {
            var line = (await system.LinesAsync(orderId))[0];
            records.Add(SandboxAdmin.ShipmentRecord(system.StoreHash, $"LOST-{orderId}", orderId, items: [(line.Sku, line.Quantity)], trackingNumber: $"TN{orderId}"));
        }

        // A third of BigCommerce's answers are lost after the work is done (the POST made the shipment), more are 5xx.
        await system.Admin.SetFaultsAsync("bigcommerce", new { lostResponseRate = 0.35, errorRate = 0.15 });
        await system.FeedAsync([.. records]);
        foreach (var orderId in orders)
        {
            await system.SettledAsync("shipment", $"LOST-{orderId}", TimeSpan.FromSeconds(120));
        }

        await system.Admin.ClearFaultsAsync("bigcommerce");
        foreach (var orderId in orders)
        {
            var shipment = Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
            Assert.Equal($"TN{orderId}", shipment["tracking_number"]!.GetValue<string>());
            Assert.Equal(FulfilmentState.Done, (await system.FulfilmentAsync("shipment", $"LOST-{orderId}"))!.State);
        }
    }

    [Fact]
    public async Task A_write_whose_outcome_was_lost_is_found_on_the_order_and_not_posted_again()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        var line = (await system.LinesAsync(orderId))[0];

        // A worker died right after its POST: the row says writing, and BigCommerce has the shipment.
        var record = new FulfilmentRecord(new BackOfficeShipment("CRASH-1", system.StoreHash, orderId, [new ShipmentLine(line.Sku, null, line.Quantity)],
            "CRASHTN", null, null, null, DateTimeOffset.UtcNow, null, null), null);
        var startedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await system.Service<FulfilmentLedger>().MoveAsync(system.StoreHash, record, FulfilmentState.Writing, e =>
        {
            e.TrackingNumber = "CRASHTN";
            e.PostedLines = $"[{{\"orderProductId\":{line.OrderProductId},\"quantity\":{line.Quantity}}}]";
            e.WriteStartedAt = startedAt;
        }, startedAt, CancellationToken.None);
        var made = await system.MerchantShipsAsync(orderId, line.OrderProductId, line.Quantity, "CRASHTN");

        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "CRASH-1", orderId, items: [(line.Sku, line.Quantity)], trackingNumber: "CRASHTN"));

        var entry = await system.SettledAsync("shipment", "CRASH-1");
        Assert.Equal(FulfilmentState.Done, entry.State);
        Assert.Equal(made, entry.BigCommerceShipmentId);
        Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
    }
}
