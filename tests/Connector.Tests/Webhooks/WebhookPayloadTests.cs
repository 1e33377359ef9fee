using System.Text;
using Connector.Webhooks;

namespace Connector.Tests.Webhooks;

public sealed class WebhookPayloadTests
{
    private static WebhookPayload? Parse(string json, out string? error) => WebhookPayload.Parse(Encoding.UTF8.GetBytes(json), out error);

    [Fact]
    public void An_order_event_as_BigCommerce_sends_it_is_read()
    {
        var payload = Parse("""
            {"created_at":1561479335,"store_id":"1025646","producer":"stores/abc123","scope":"store/order/created",
             "hash":"3f9ea420af83450d7ef9f78b08c8af25b2213637","data":{"type":"order","id":250}}
            """, out var error);

        Assert.Null(error);
        Assert.Equal(new WebhookPayload("store/order/created", "abc123", "order", 250, 1561479335, null), payload);
    }

    [Fact]
    public void A_shipment_event_keeps_its_order_id()
    {
        var payload = Parse("""
            {"scope":"store/shipment/created","store_id":"1025646","data":{"type":"shipment","id":12,"orderId":251},
             "hash":"8b98021cb0faa7e3a58a0e4182d3696a4bdd24ab","created_at":1561482857,"producer":"stores/abc123"}
            """, out var error);

        Assert.Null(error);
        Assert.Equal(new WebhookPayload("store/shipment/created", "abc123", "shipment", 12, 1561482857, null, 251), payload);
    }

    [Fact]
    public void An_order_event_has_no_order_id_of_its_own()
    {
        Assert.Null(Parse("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":5}}""", out _)!.OrderId);
    }

    [Fact]
    public void A_delivery_exception_keeps_its_error_code()
    {
        var payload = Parse("""
            {"scope":"store/hook/deliveryException","store_id":"1","producer":"stores/abc","created_at":1561482670,
             "data":{"type":"webhook","id":123,"error_code":90002,"message":"Non-200 response"}}
            """, out _);

        Assert.Equal(("webhook", 123L, 90002), (payload!.DataType, payload.DataId, payload.ErrorCode));
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("{", "not JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"producer":"stores/abc","data":{"type":"order","id":1}}""", "scope")]
    [InlineData("""{"scope":"store/order/created","data":{"type":"order","id":1}}""", "producer")]
    [InlineData("""{"scope":"store/order/created","producer":"abc","data":{"type":"order","id":1}}""", "producer")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/ABC!","data":{"type":"order","id":1}}""", "producer")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc"}""", "data")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"id":1}}""", "data.type")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order"}}""", "data.id")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":"1"}}""", "data.id")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":0}}""", "data.id")]
    [InlineData("""{"scope":"store/order/created","producer":"stores/abc","data":{"type":"order","id":1.5}}""", "data.id")]
    [InlineData("""{"scope":5,"producer":"stores/abc","data":{"type":"order","id":1}}""", "scope")]
    public void A_body_that_is_not_a_BigCommerce_callback_is_refused_with_the_reason(string json, string reason)
    {
        Assert.Null(Parse(json, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("store/order/created", true)]
    [InlineData("store/order/updated", true)]
    [InlineData("store/order/statusUpdated", true)]
    [InlineData("store/order/archived", true)]
    [InlineData("store/order/message/created", false)]
    [InlineData("store/product/updated", false)]
    [InlineData("store/order/*", false)]
    public void Only_order_events_are_acted_on(string scope, bool handled) => Assert.Equal(handled, WebhookScopes.IsOrderEvent(scope));
}
