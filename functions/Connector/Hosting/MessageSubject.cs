using System.Text.Json.Nodes;

namespace Connector.Hosting;

/// <summary>
/// Which store and which thing a queue message is about, read from its body without knowing its type:
/// a BigCommerce shipment id (bigcommerce-shipments), a back-office shipment or cancellation id (shipments), an order id
/// (orders), a product id (products), a SKU (inventory, catalog-push), a flow (store-sync) or a batch of callbacks (webhooks: its store when they share one).
/// Ids only: safe to log and to show.
/// </summary>
/// <param name="Kind"><c>bigcommerce-shipment</c>, <c>shipment</c>, <c>cancellation</c>, <c>order</c>, <c>product</c>, <c>sku</c>, <c>flow</c> or <c>webhook-batch</c>; null when the body names none.</param>
public sealed record MessageSubject(string? StoreHash, string? Kind, string? Subject)
{
    public static MessageSubject Unknown { get; } = new(null, null, null);

    public static MessageSubject Of(string body) => PoisonEnvelope.ParseObject(body) is { } json ? Of(json) : Unknown;

    public static MessageSubject Of(JsonObject json)
    {
        var (kind, subject) = Text(json, "bigCommerceShipmentId") is { } pulled ? ("bigcommerce-shipment", pulled)
            : Text(json, "shipmentId") is { } shipmentId ? ("shipment", shipmentId)
            : Text(json, "cancellationId") is { } cancellationId ? ("cancellation", cancellationId)
            : Text(json, "orderId") is { } orderId ? ("order", orderId)
            : Text(json, "productId") is { } productId ? ("product", productId)
            : Text(json, "sku") is { } sku ? ("sku", sku)
            : json["change"] is JsonObject change && Text(change, "sku") is { } changedSku ? ("sku", changedSku)
            : Text(json, "flow") is { } flow ? ("flow", flow)
            : Text(json, "batchId") is { } batchId ? ("webhook-batch", batchId)
            : ((string?)null, (string?)null);
        return new MessageSubject(Text(json, "storeHash") ?? OnlyStoreOf(json["callbacks"] as JsonArray), kind, subject);
    }

    /// <summary>A webhook batch's store, when all its callbacks are one store's.</summary>
    private static string? OnlyStoreOf(JsonArray? callbacks)
    {
        var stores = callbacks?.OfType<JsonObject>().Select(c => Text(c, "storeHash")).Distinct().ToList();
        return stores is [{ } only] ? only : null;
    }

    /// <summary>JsonValue.ToString gives a string unquoted and a number as written.</summary>
    private static string? Text(JsonObject json, string name) => json[name] is JsonValue value ? value.ToString() : null;
}
