using System.Text.Json.Nodes;
using Sandbox.Webhooks;

namespace Sandbox.Catalog;

/// <summary>The product events BigCommerce fires on a catalog change (webhook-events.mdx: <c>data: {type: "product", id}</c>).</summary>
public sealed class ProductWebhooks(WebhookDispatcher dispatcher, TimeProvider clock)
{
    public void Created(string storeHash, long productId) => Publish(storeHash, "store/product/created", productId);

    public void Updated(string storeHash, long productId) => Publish(storeHash, "store/product/updated", productId);

    public void Deleted(string storeHash, long productId) => Publish(storeHash, "store/product/deleted", productId);

    /// <summary><c>store/sku/updated</c>: <c>data: {type: "sku", id: variant id, sku: {product_id, variant_id}}</c>.</summary>
    public void SkuUpdated(string storeHash, long productId, long variantId) =>
        dispatcher.Publish(WebhookEvent.Create(storeHash, "store/sku/updated", new JsonObject
        {
            ["type"] = "sku",
            ["id"] = variantId,
            ["sku"] = new JsonObject { ["product_id"] = productId, ["variant_id"] = variantId },
        }, clock.GetUtcNow(), null));

    private void Publish(string storeHash, string scope, long productId) =>
        dispatcher.Publish(WebhookEvent.Create(storeHash, scope, new JsonObject { ["type"] = "product", ["id"] = productId }, clock.GetUtcNow(), null));
}
