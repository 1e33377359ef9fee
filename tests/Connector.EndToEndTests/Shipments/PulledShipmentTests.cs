using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;
using Connector.Shipments;
using Connector.Storage;
using Connector.Stores;
using Connector.Testing;
using Connector.Webhooks;

namespace Connector.EndToEndTests.Shipments;

/// <summary>
/// Shipments made in BigCommerce by someone else reach the back office: the sandbox store fires
/// <c>store/shipment/created</c> to the connector's real endpoint, the connector reads the shipment and POSTs it to the
/// sandbox back office, signed and keyed; the shipments poll catches what a webhook missed; the connector's own
/// shipments (from the back office's feed) are not echoed back.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PulledShipmentTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static ConnectorSystemOptions WithWebhooks => new() { Webhooks = true };

    [Fact]
    public async Task A_shipment_made_in_BigCommerce_reaches_the_back_office_once_with_its_idempotency_key_even_when_its_webhook_comes_twice()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        // The shipment fires shipment/created, order/updated and order/statusUpdated: each is delivered twice (same webhook-id).
        await system.Admin.DuplicateNextWebhooksAsync(system.StoreHash, 3);

        var shipment = await MerchantShipments.ShipFirstProductAsync(system, orderId, "1Z-MERCHANT-1");
        var shipmentId = shipment["id"]!.GetValue<long>();

        await Eventually.TrueAsync(async () => (await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash)).Shipments.Count == 1,
            "the shipment delivered by webhook", Settle);
        await Eventually.TrueAsync(async () => (await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.ShipmentCreated))
            .Count(a => a.Succeeded) >= 2, "the webhook delivered twice", Settle);
        await Eventually.TrueAsync(async () => (await RowAsync(system, orderId, shipmentId))?.State == PulledShipmentState.Delivered, "recorded delivered", Settle);
        var queue = system.Service<Storage.ConnectorStorage>().Queue(Hosting.QueueNames.BigCommerceShipments);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "both copies worked off", Settle);
        // The copy that did not claim the webhook's receipt cost no read of the shipment.
        Assert.Equal(1, (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!["GET /orders/{id}/shipments/{shipment_id}"]!.GetValue<int>());
        // Another poll finds it settled: no second delivery, and no read of the order's shipments.
        await system.Admin.ResetStatsAsync();
        await PollAndWaitAsync(system);

        var received = await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash);
        var one = Assert.Single(received.Shipments);
        Assert.Equal($"{system.StoreHash}:shipment:{shipmentId}", one.Key);
        Assert.Equal(1, one.Attempts);
        Assert.Equal(0, received.DuplicateAttempts);
        Assert.Equal((orderId, shipmentId), (one.OrderId, one.ShipmentId));
        var body = one.Body!;
        Assert.Equal(system.StoreHash, body["store_hash"]!.GetValue<string>());
        Assert.Equal("1Z-MERCHANT-1", body["tracking_number"]!.GetValue<string>());
        Assert.Equal("ups", body["tracking_carrier"]!.GetValue<string>());
        Assert.Equal("Ground", body["shipping_method"]!.GetValue<string>());
        Assert.NotNull(body["created_at"]);
        var line = Assert.Single(body["items"]!.AsArray())!;
        Assert.Equal(shipment["items"]![0]!["order_product_id"]!.GetValue<long>(), line["order_product_id"]!.GetValue<long>());
        Assert.Equal(shipment["items"]![0]!["quantity"]!.GetValue<int>(), line["quantity"]!.GetValue<int>());
        Assert.Equal(
            ["created_at", "items", "order_id", "shipment_id", "shipping_method", "store_hash", "tracking_carrier", "tracking_number"],
            body.AsObject().Where(p => p.Value is not null).Select(p => p.Key).Order(StringComparer.Ordinal));
        var byEndpoint = (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!.AsObject();
        Assert.Equal(0, byEndpoint["GET /orders/{id}/shipments"]!.GetValue<int>()); // a settled shipment's order costs no shipments read
        Assert.Equal(0, byEndpoint["GET /orders/{id}/shipments/{shipment_id}"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_shipment_the_connector_made_from_the_back_office_is_not_delivered_back()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        var product = (await MerchantShipments.ProductsAsync(system, orderId))[0];
        await system.Admin.AppendBackOfficeShipmentsAsync(system.StoreHash, SandboxAdmin.ShipmentRecord(system.StoreHash, "BO-SHIP-1", orderId,
            orderProductItems: [(product["id"]!.GetValue<long>(), product["quantity"]!.GetValue<int>())], trackingNumber: "BO-TRACK-1", carrier: "UPS"));

        await system.RunShipmentPollAsync();

        var ledger = system.Service<FulfilmentLedger>();
        await Eventually.TrueAsync(async () => (await ledger.FindAsync(system.StoreHash, "shipment", "BO-SHIP-1", CancellationToken.None))?.State == FulfilmentState.Done,
            "the back office's shipment written to BigCommerce", Settle);
        var made = (await ledger.FindAsync(system.StoreHash, "shipment", "BO-SHIP-1", CancellationToken.None))!.BigCommerceShipmentId!.Value;
        await Eventually.TrueAsync(async () => (await RowAsync(system, orderId, made))?.State == PulledShipmentState.Own,
            "its webhook recognised as the connector's own", Settle);
        // The poll sees it too, and finds it settled.
        await PollAndWaitAsync(system);

        var own = (await RowAsync(system, orderId, made))!;
        Assert.Equal("BO-SHIP-1", own.BackOfficeId);
        Assert.Empty((await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash)).Shipments);
        Assert.Single(await system.Admin.ShipmentsAsync(system.StoreHash, orderId));
    }

    [Fact]
    public async Task With_pulling_off_the_store_is_not_subscribed_and_nothing_is_delivered()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks with { ConnectStore = false });
        await system.Service<StoreSettings>().SaveShipmentSettingsAsync(system.StoreHash, new ShipmentSettings { PullBigCommerceShipments = false }, CancellationToken.None);
        (await system.RegisterApiAccountAsync(system.StoreHash, system.Token)).EnsureSuccessStatusCode();
        Assert.DoesNotContain(await system.Admin.WebhooksAsync(system.StoreHash), h => h!["scope"]!.GetValue<string>() == WebhookScopes.ShipmentCreated);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();

        await MerchantShipments.ShipFirstProductAsync(system, orderId, "1Z-OFF");
        await system.RunShipmentPollAsync();

        await Eventually.TrueAsync(async () => (await system.Table(TableNames.SyncCursors).GetEntityIfExistsAsync<TableEntity>(
            system.StoreHash, SyncCursors.ShipmentsFlow)).HasValue, "the shipments flow ran (its feed)", Settle);
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything queued by mistake would be handled by now
        Assert.Empty((await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash)).Shipments);
        Assert.Empty(await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.ShipmentCreated));
        Assert.Null(await LastPullAsync(system));
    }

    [Fact]
    public async Task A_shipment_whose_webhook_was_lost_is_delivered_by_the_next_shipments_poll()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.Admin.SetWebhookSettingsAsync(enabled: false); // BigCommerce loses the shipment's events
        var shipmentId = (await MerchantShipments.ShipFirstProductAsync(system, orderId, "1Z-LOST"))["id"]!.GetValue<long>();
        await system.Admin.SetWebhookSettingsAsync(enabled: true);
        Assert.Empty((await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash)).Shipments);
        await system.Admin.ResetStatsAsync();

        await PollAndWaitAsync(system);

        await Eventually.TrueAsync(async () => (await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash)).Shipments.Count == 1,
            "the missed shipment delivered by the poll", Settle);
        var one = Assert.Single((await system.Admin.BigCommerceShipmentsReceivedAsync(system.StoreHash)).Shipments);
        Assert.Equal($"{system.StoreHash}:shipment:{shipmentId}", one.Key);
        Assert.Equal(1, one.Attempts);
        await Eventually.TrueAsync(async () => (await RowAsync(system, orderId, shipmentId))?.State == PulledShipmentState.Delivered, "recorded delivered", Settle);
        // One list of the changed orders, one read of the order's shipments, one read of the shipment.
        var byEndpoint = (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!.AsObject();
        Assert.Equal(1, byEndpoint["GET /orders/{id}/shipments"]!.GetValue<int>());
        Assert.Equal(1, byEndpoint["GET /orders/{id}/shipments/{shipment_id}"]!.GetValue<int>());
    }

    private static Task<FulfilmentEntry?> RowAsync(ConnectorSystem system, long orderId, long shipmentId) =>
        system.Service<PulledShipments>().FindAsync(system.StoreHash, orderId, shipmentId, CancellationToken.None);

    /// <summary>Runs the shipments poll and waits until its pull of BigCommerce's shipments has recorded a new result.</summary>
    private static async Task PollAndWaitAsync(ConnectorSystem system)
    {
        var before = await LastPullAsync(system);
        await system.RunShipmentPollAsync();
        await Eventually.TrueAsync(async () => await LastPullAsync(system) is { } at && at != before, "the shipments poll pulled", Settle);
    }

    private static async Task<DateTimeOffset?> LastPullAsync(ConnectorSystem system)
    {
        var row = await system.Table(TableNames.SyncCursors).GetEntityIfExistsAsync<TableEntity>(system.StoreHash, BigCommerceShipmentPoll.CursorRow);
        return row.HasValue ? row.Value!.GetDateTimeOffset("LastRunAt") : null;
    }
}
