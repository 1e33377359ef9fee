using Connector.Webhooks;

namespace Connector.Catalog;

/// <summary>
/// The webhook endpoint's one hook into the catalog flow: a product or SKU event becomes one <c>products</c> message.
/// <c>store/product/deleted</c> is a deletion; any other event names a product that may have a new version, which the
/// worker reads (a product gone by then is delivered as a deletion). Duplicates cost a read: the ledger settles them.
/// </summary>
public static class CatalogWebhook
{
    /// <returns>The message to queue, or null when the callback is not a catalog event the connector acts on.</returns>
    public static ProductMessage? MessageFor(WebhookPayload payload, string webhookId)
    {
        if (!WebhookScopes.IsCatalogEvent(payload.Scope))
        {
            return null;
        }

        var productId = payload.DataType switch
        {
            "product" => payload.DataId,
            "sku" => payload.ProductId,
            _ => null,
        };
        if (productId is not { } id)
        {
            return null;
        }

        var eventAt = payload.CreatedAt is { } createdAt ? DateTimeOffset.FromUnixTimeSeconds(createdAt) : (DateTimeOffset?)null;
        return new ProductMessage(payload.StoreHash, id, null, ProductMessage.Webhook, webhookId,
            Deleted: payload.Scope == WebhookScopes.ProductDeleted, EventAt: eventAt);
    }
}
