using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Sandbox.Webhooks;

/// <summary>
/// One event as BigCommerce sends it (webhook-events.mdx): <c>{created_at, store_id, producer,
/// scope, hash, data}</c>, rendered once so every hook, retry and duplicate gets the same bytes.
/// <c>hash</c> is the SHA-1 of the JSON of <c>data</c>, so two updates of the same order share it.
/// </summary>
public sealed record WebhookEvent(string StoreHash, string Scope, long CreatedAt, long? OrderId, string Body)
{
    public static WebhookEvent Create(string storeHash, string scope, JsonObject data, DateTimeOffset at, long? orderId)
    {
        var dataJson = data.ToJsonString(SandboxJson.Options);
        var payload = new JsonObject
        {
            ["created_at"] = at.ToUnixTimeSeconds(),
            ["store_id"] = StoreIds.Of(storeHash),
            ["producer"] = $"stores/{storeHash}",
            ["scope"] = scope,
#pragma warning disable CA5350 // BigCommerce's payload hash is SHA-1 by definition; it is a duplicate marker, not security.
            ["hash"] = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(dataJson))),
#pragma warning restore CA5350
            ["data"] = JsonNode.Parse(dataJson),
        };
        return new WebhookEvent(storeHash, scope, at.ToUnixTimeSeconds(), orderId, payload.ToJsonString(SandboxJson.Options));
    }

    public static WebhookEvent Order(string storeHash, string scope, long orderId, DateTimeOffset at) =>
        Create(storeHash, scope, new JsonObject { ["type"] = "order", ["id"] = orderId }, at, orderId);

    public static WebhookEvent OrderStatus(string storeHash, long orderId, int previousStatusId, int newStatusId, DateTimeOffset at) =>
        Create(storeHash, WebhookScopes.OrderStatusUpdated, new JsonObject
        {
            ["type"] = "order",
            ["id"] = orderId,
            ["status"] = new JsonObject { ["previous_status_id"] = previousStatusId, ["new_status_id"] = newStatusId },
        }, at, orderId);

    /// <summary>webhook-events.mdx: <c>data: {type: "shipment", id: &lt;shipment id&gt;, orderId: &lt;order id&gt;}</c> (camelCase orderId, as documented).</summary>
    public static WebhookEvent Shipment(string storeHash, string scope, long shipmentId, long orderId, DateTimeOffset at) =>
        Create(storeHash, scope, new JsonObject { ["type"] = "shipment", ["id"] = shipmentId, ["orderId"] = orderId }, at, orderId);

    /// <param name="errorCode">90001 will retry, 90002 attempts exhausted and hook disabled, 90003 domain blocked.</param>
    public static WebhookEvent DeliveryException(string storeHash, long hookId, int errorCode, string message, DateTimeOffset at) =>
        Create(storeHash, WebhookScopes.DeliveryException, new JsonObject
        {
            ["type"] = "webhook",
            ["id"] = hookId,
            ["error_code"] = errorCode,
            ["message"] = message,
        }, at, null);
}
