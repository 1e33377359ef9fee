using Connector.Hosting;
using Connector.Operations;

namespace Connector.Tests.Hosting;

public sealed class PoisonEnvelopeTests
{
    private static readonly PoisonDetails Details = new("orders", "Boom: it broke", 5, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), "m-1");

    [Fact]
    public void A_second_failure_after_a_requeue_replaces_the_details()
    {
        var once = PoisonEnvelope.Wrap("""{"storeHash":"abc123","orderId":7}""", Details)!;
        var twice = PoisonEnvelope.Wrap(once, Details with { LastError = "Later: broke again", Attempts = 5 })!;

        var (body, details) = PoisonEnvelope.Unwrap(twice);

        Assert.Equal("""{"storeHash":"abc123","orderId":7}""", body);
        Assert.Equal("Later: broke again", details!.LastError);
    }

    [Fact]
    public void A_carried_order_with_its_customer_is_never_kept_in_poison()
    {
        var body = """{"storeHash":"abc123","orderId":7,"modifiedAt":"2026-11-29T10:00:00+00:00","carried":{"id":7,"billingAddress":{"email":"jane@example.com"}},"carriedReadAt":"2026-11-29T10:00:01+00:00"}""";

        var poisoned = PoisonEnvelope.Wrap(body, Details)!;

        Assert.DoesNotContain("jane@example.com", poisoned);
        var kept = System.Text.Json.Nodes.JsonNode.Parse(PoisonEnvelope.Unwrap(poisoned).Body)!.AsObject();
        Assert.Equal(["storeHash", "orderId", "modifiedAt"], kept.Select(p => p.Key));
    }

    [Fact]
    public void Only_a_carried_copy_is_dropped_other_messages_keep_every_field()
    {
        var sku = """{"storeHash":"abc123","sku":"S-1","quantities":{"1":3},"readAt":"2026-11-29T10:00:01+00:00"}""";

        var kept = System.Text.Json.Nodes.JsonNode.Parse(PoisonEnvelope.Unwrap(PoisonEnvelope.Wrap(sku, Details)!).Body);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(sku), kept), kept!.ToJsonString());
    }

    [Fact]
    public void A_bare_body_unwraps_to_itself_without_details()
    {
        Assert.Equal(("""{"storeHash":"abc123","sku":"S-1"}""", (PoisonDetails?)null), PoisonEnvelope.Unwrap("""{"storeHash":"abc123","sku":"S-1"}"""));
        Assert.Equal(("not json", (PoisonDetails?)null), PoisonEnvelope.Unwrap("not json"));
    }

    [Theory]
    [InlineData("""{"storeHash":"abc123","orderId":42,"source":"poll"}""", "abc123", "order", "42")]
    [InlineData("""{"storeHash":"abc123","sku":"SKU-9","quantities":{"1":3}}""", "abc123", "sku", "SKU-9")]
    [InlineData("""{"storeHash":"abc123","flow":"inventory"}""", "abc123", "flow", "inventory")]
    [InlineData("""{"storeHash":"abc123","orderId":42,"bigCommerceShipmentId":7,"source":"webhook"}""", "abc123", "bigcommerce-shipment", "7")]
    [InlineData("""{"batchId":"b1","callbacks":[{"webhookId":"w1","storeHash":"abc123","dataId":1},{"webhookId":"w2","storeHash":"abc123","dataId":2}]}""", "abc123", "webhook-batch", "b1")]
    [InlineData("""{"batchId":"b2","callbacks":[{"webhookId":"w1","storeHash":"abc123","dataId":1},{"webhookId":"w2","storeHash":"def456","dataId":2}]}""", null, "webhook-batch", "b2")]
    [InlineData("""{"other":1}""", null, null, null)]
    [InlineData("retry me", null, null, null)]
    public void The_subject_is_read_from_any_queue_body(string body, string? store, string? kind, string? subject) =>
        Assert.Equal(new MessageSubject(store, kind, subject), MessageSubject.Of(body));

    [Fact]
    public void A_message_the_host_moved_shows_an_unknown_error_and_when_it_arrived_in_poison()
    {
        var insertedOn = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var view = PoisonMessageView.From("orders", "p-1", """{"storeHash":"abc123","orderId":42}""", insertedOn);

        Assert.Equal(new PoisonMessageView("p-1", "orders", "abc123", "order", "42", "unknown (moved by the host)", null, insertedOn), view);
    }

    [Fact]
    public void An_enveloped_message_shows_its_details()
    {
        var view = PoisonMessageView.From("orders", "p-1", PoisonEnvelope.Wrap("""{"storeHash":"abc123","orderId":42}""", Details)!, DateTimeOffset.UnixEpoch);

        Assert.Equal(new PoisonMessageView("p-1", "orders", "abc123", "order", "42", "Boom: it broke", 5, Details.FailedAt), view);
    }
}
