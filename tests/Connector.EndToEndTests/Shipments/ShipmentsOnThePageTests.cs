using Connector.EndToEndTests.Infrastructure;
using Connector.Shipments;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>What the merchant sees of shipments on the app's page: the flow's last run, and every refused record with its reason.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShipmentsOnThePageTests(AzuriteFixture azurite)
{
    private const long Owner = 700;

    [Fact]
    public async Task A_refused_shipment_is_listed_with_its_reason_and_a_shipped_one_is_not()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var install = await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        var line = (await system.LinesAsync(orderId))[0];

        await system.FeedAsync(
            SandboxAdmin.ShipmentRecord(system.StoreHash, "PAGE-BAD", orderId, items: [("NOT-ON-ORDER", 1)], trackingNumber: "<b>x</b>"),
            SandboxAdmin.ShipmentRecord(system.StoreHash, "PAGE-GOOD", orderId, items: [(line.Sku, line.Quantity)], trackingNumber: "GOOD"));
        Assert.Equal(FulfilmentState.Refused, (await system.SettledAsync("shipment", "PAGE-BAD")).State);
        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "PAGE-GOOD")).State);

        var page = await new MerchantPageClient(system.Connector.Http, system.Admin).OpenAsync(system.StoreHash, Owner);

        Assert.Contains("Shipments and cancellations to BigCommerce", page.Text);
        Assert.Contains("Shipment PAGE-BAD of order " + orderId, page.Text);
        Assert.Contains("SKU NOT-ON-ORDER is not on order", page.Text);
        Assert.DoesNotContain("PAGE-GOOD", page.Text);
    }
}
