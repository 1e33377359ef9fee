using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;
using Connector.Shipments;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>
/// A delivered order is shipped from what the connector holds of it: one BigCommerce call per parcel. When what it holds
/// is behind (the merchant shipped by hand meanwhile), BigCommerce's refusal sends it to read the order, never to a wrong
/// shipment or a refusal on stale data.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HeldOrderFactsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Delivered_orders_ship_in_two_parcels_each_with_one_call_and_no_read_of_the_order()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orders = await system.Admin.CreateOrdersAsync(system.StoreHash, 3, lineItems: 2);
        await system.RunOrderPollAsync();
        foreach (var id in orders)
        {
            await Eventually.TrueAsync(async () => (await system.LedgerAsync(id))?.HeldFacts is not null, $"order {id} delivered and held");
        }

        var (readsBefore, postsBefore) = (await system.CallsAsync("GET /orders/{id}"), await system.CallsAsync("POST /orders/{id}/shipments"));
        foreach (var id in orders)
        {
            var lines = await system.LinesAsync(id);
            await system.Admin.AppendBackOfficeShipmentsAsync(system.StoreHash,
                SandboxAdmin.ShipmentRecord(system.StoreHash, $"H1-{id}", id, items: [(lines[0].Sku, lines[0].Quantity)], trackingNumber: $"H1{id}"),
                SandboxAdmin.ShipmentRecord(system.StoreHash, $"H2-{id}", id, items: [(lines[1].Sku, lines[1].Quantity)], trackingNumber: $"H2{id}"));
        }

        await system.RunShipmentPollAsync();
        foreach (var id in orders)
        {
            Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", $"H1-{id}")).State);
            Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", $"H2-{id}")).State);
            Assert.Equal(2, await system.StatusAsync(id));
        }

        Assert.Equal(readsBefore, await system.CallsAsync("GET /orders/{id}"));
        Assert.Equal(postsBefore + 6, await system.CallsAsync("POST /orders/{id}/shipments"));
    }

    [Fact]
    public async Task Held_facts_behind_a_shipment_made_by_hand_are_corrected_by_reading_the_order()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(orderId))?.HeldFacts is not null, "the order delivered and held");
        var line = (await system.LinesAsync(orderId))[0];

        // The merchant ships everything by hand; the connector hears nothing of it (no webhook, no poll).
        await system.MerchantShipsAsync(orderId, line.OrderProductId, line.Quantity, "BYHAND");
        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "STALE-1", orderId, items: [(line.Sku, 1)], trackingNumber: "STALE"));

        var refused = await system.SettledAsync("shipment", "STALE-1");
        Assert.Equal(FulfilmentState.Refused, refused.State);
        Assert.Contains("left unshipped", refused.LastError); // the connector's own words from the fresh read, not a stale guess
        Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Equal(2, await system.CallsAsync("POST /orders/{id}/shipments")); // the merchant's, and the connector's one refused
        Assert.Equal(1, await system.CallsAsync("GET /orders/{id}")); // the poll carried it; read once, after BigCommerce refused
    }

    [Fact]
    public async Task A_delivered_order_the_back_office_cancelled_is_never_shipped_from_what_the_connector_holds()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.AllowCancellationsAsync();
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(orderId))?.HeldFacts is not null, "the order delivered and held");
        var line = (await system.LinesAsync(orderId))[0];

        await system.FeedAsync(SandboxAdmin.CancellationRecord(system.StoreHash, "HC-CANCEL", orderId));
        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("cancellation", "HC-CANCEL")).State);
        await system.FeedAsync(SandboxAdmin.ShipmentRecord(system.StoreHash, "HC-SHIP", orderId, items: [(line.Sku, line.Quantity)], trackingNumber: "HC"));

        var refused = await system.SettledAsync("shipment", "HC-SHIP");
        Assert.Equal(FulfilmentState.Refused, refused.State);
        Assert.Contains("cancelled", refused.LastError);
        Assert.Empty(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Equal(5, await system.StatusAsync(orderId));
    }
}
