using System.Net.Http.Headers;
using System.Text;
using Connector.BackOffice;
using Connector.EndToEndTests.Infrastructure;
using Connector.Shipments;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>POST /api/backoffice/shipments, as a back office that calls out uses it, and as an attacker would try it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShipmentPushTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_signed_push_is_queued_and_shipped_and_sending_it_again_changes_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        var line = (await system.LinesAsync(orderId))[0];
        var record = SandboxAdmin.ShipmentRecord(system.StoreHash, "PUSH-1", orderId, items: [(line.Sku, line.Quantity)], trackingNumber: "PUSHED", carrier: "fedex");

        var first = await system.Admin.PushShipmentsAsync(system.PushUrl().ToString(), [record]);
        Assert.Equal(202, first.Status);
        Assert.Contains("\"queued\":1", first.Body);
        Assert.Equal(FulfilmentState.Done, (await system.SettledAsync("shipment", "PUSH-1")).State);

        var replay = await system.Admin.PushShipmentsAsync(system.PushUrl().ToString(), [record]);
        Assert.Equal(202, replay.Status);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var shipment = Assert.Single(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Equal("fedex", shipment["shipping_provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_push_with_a_bad_signature_or_a_bad_record_or_too_big_queues_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var orderId = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 1))[0];
        var line = (await system.LinesAsync(orderId))[0];
        var good = SandboxAdmin.ShipmentRecord(system.StoreHash, "P-GOOD", orderId, items: [(line.Sku, 1)]);
        var bad = SandboxAdmin.ShipmentRecord(system.StoreHash, "P-BAD", orderId, items: [(line.Sku, 1)]);
        bad["items"]![0]!["quantity"] = -2;

        Assert.Equal(401, (await system.Admin.PushShipmentsAsync(system.PushUrl().ToString(), [good], signature: "bad")).Status);
        Assert.Equal(401, (await system.Admin.PushShipmentsAsync(system.PushUrl().ToString(), [good], signature: "none")).Status);
        var refused = await system.Admin.PushShipmentsAsync(system.PushUrl().ToString(), [good, bad]);
        Assert.Equal(400, refused.Status);
        Assert.Contains("P-BAD", refused.Body);
        Assert.Contains("quantity", refused.Body);
        var unknownStore = await system.Admin.PushShipmentsAsync(system.PushUrl().ToString(),
            [SandboxAdmin.ShipmentRecord("notconnected1", "P-ELSEWHERE", orderId, items: [(line.Sku, 1)])]);
        Assert.Equal(400, unknownStore.Status);
        Assert.Contains("not connected", unknownStore.Body);

        // Over the size limit: refused before the signature is even checked, and nothing read past the limit.
        var huge = Encoding.UTF8.GetBytes("{\"records\":[\"" + new string('x', ShipmentPushHandler.MaxBodyBytes) + "\"]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, system.PushUrl()) { Content = new ByteArrayContent(huge) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(BackOfficeProtocol.SignatureHeader, BackOfficeSignature.Compute("whatever", huge));
        using var tooBig = await system.Connector.Http.SendAsync(request);
        Assert.Equal(413, (int)tooBig.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await system.BigCommerceShipmentsAsync(orderId));
        Assert.Null(await system.FulfilmentAsync("shipment", "P-GOOD"));
    }
}
