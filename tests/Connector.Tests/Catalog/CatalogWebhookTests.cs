using System.Text;
using Connector.Catalog;
using Connector.Webhooks;

namespace Connector.Tests.Catalog;

public sealed class CatalogWebhookTests
{
    private static WebhookPayload Parse(string json) => WebhookPayload.Parse(Encoding.UTF8.GetBytes(json), out _)!;

    [Fact]
    public void A_product_update_names_its_product_and_carries_no_version()
    {
        var message = CatalogWebhook.MessageFor(Parse("""{"scope":"store/product/updated","store_id":"1","producer":"stores/abc123","created_at":1561479233,"data":{"type":"product","id":205}}"""), "wh-1")!;
        Assert.Equal(205, message.ProductId);
        Assert.Null(message.ModifiedAt);
        Assert.False(message.Deleted);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1561479233), message.EventAt);
    }

    [Fact]
    public void A_product_deletion_is_a_deletion()
    {
        var message = CatalogWebhook.MessageFor(Parse("""{"scope":"store/product/deleted","store_id":"1","producer":"stores/abc123","created_at":1561479233,"data":{"type":"product","id":205}}"""), "wh-2")!;
        Assert.True(message.Deleted);
        Assert.Equal(205, message.ProductId);
    }

    [Fact]
    public void A_sku_event_names_the_skus_product()
    {
        var message = CatalogWebhook.MessageFor(Parse("""{"scope":"store/sku/updated","store_id":"1","producer":"stores/abc123","data":{"type":"sku","id":461,"sku":{"product_id":206,"variant_id":509}}}"""), "wh-3")!;
        Assert.Equal(206, message.ProductId);
        Assert.False(message.Deleted);
    }

    [Fact]
    public void Order_events_and_a_sku_event_without_its_product_are_not_the_catalogs()
    {
        Assert.Null(CatalogWebhook.MessageFor(Parse("""{"scope":"store/order/updated","store_id":"1","producer":"stores/abc123","data":{"type":"order","id":5}}"""), "wh-4"));
        Assert.Null(CatalogWebhook.MessageFor(Parse("""{"scope":"store/sku/updated","store_id":"1","producer":"stores/abc123","data":{"type":"sku","id":461}}"""), "wh-5"));
    }

    [Fact]
    public void Product_and_sku_events_are_subscribed_only_while_the_catalog_flow_is_on()
    {
        var baseUrl = new Uri("https://connector.example.com/");
        Assert.DoesNotContain(SubscriptionPlan.Desired(baseUrl, "secret"), h => WebhookScopes.IsCatalogEvent(h.Scope));
        var on = SubscriptionPlan.Desired(baseUrl, "secret", pullCatalog: true).Where(h => WebhookScopes.IsCatalogEvent(h.Scope)).ToList();
        Assert.Equal(WebhookScopes.Catalog, on.Select(h => h.Scope));
        Assert.All(on, h => Assert.Equal("https://connector.example.com/api/webhooks/bigcommerce", h.Destination));
    }
}
