using System.Text.Json;
using Connector.Installations;

namespace Connector.Webhooks;

/// <summary>
/// A BigCommerce callback's body: <c>{"created_at", "store_id", "producer": "stores/{hash}", "scope", "hash",
/// "data": {"type", "id", …}}</c> (webhook-events.mdx). Only what the connector acts on is kept.
/// </summary>
/// <param name="OrderId">A shipment event's <c>data.orderId</c> (the shipment's order); null for other events.</param>
/// <param name="ProductId">A SKU event's <c>data.sku.product_id</c> (the SKU's product); null for other events.</param>
public sealed record WebhookPayload(string Scope, string StoreHash, string DataType, long DataId, long? CreatedAt, int? ErrorCode, long? OrderId = null, long? ProductId = null)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? EventAt => CreatedAt is { } createdAt ? DateTimeOffset.FromUnixTimeSeconds(createdAt) : null;

    /// <summary>Parses and checks a body; returns null with the reason when it is not a BigCommerce callback.</summary>
    public static WebhookPayload? Parse(ReadOnlySpan<byte> body, out string? error)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "the body is not a JSON object";
                return null;
            }

            if (!TryString(root, "scope", out var scope) || scope.Length > 200)
            {
                error = "scope is missing";
                return null;
            }

            if (!TryString(root, "producer", out var producer) || AuthCallbackHandler.StoreHashOf(producer) is not { } storeHash)
            {
                error = "producer is not stores/{hash}";
                return null;
            }

            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                error = "data is missing";
                return null;
            }

            if (!TryString(data, "type", out var type))
            {
                error = "data.type is missing";
                return null;
            }

            if (!data.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var dataId) || dataId <= 0)
            {
                error = "data.id is not a positive integer";
                return null;
            }

            long? createdAt = root.TryGetProperty("created_at", out var created) && created.ValueKind == JsonValueKind.Number && created.TryGetInt64(out var c) ? c : null;
            int? errorCode = data.TryGetProperty("error_code", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var e) ? e : null;
            long? orderId = data.TryGetProperty("orderId", out var order) && order.ValueKind == JsonValueKind.Number && order.TryGetInt64(out var o) && o > 0 ? o : null;
            long? productId = data.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.Object
                && sku.TryGetProperty("product_id", out var product) && product.ValueKind == JsonValueKind.Number && product.TryGetInt64(out var p) && p > 0 ? p : null;
            error = null;
            return new WebhookPayload(scope, storeHash, type, dataId, createdAt, errorCode, orderId, productId);
        }
        catch (JsonException ex)
        {
            error = $"the body is not JSON ({ex.Message})";
            return null;
        }
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        if (element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String && property.GetString() is { Length: > 0 } text)
        {
            value = text;
            return true;
        }

        value = "";
        return false;
    }
}
