namespace Connector.BackOffice;

/// <summary>The header names and formats of the back-office contract (docs/back-office.openapi.yaml).</summary>
public static class BackOfficeProtocol
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    /// <summary><c>sha256=</c> followed by the lowercase hex HMAC-SHA256 of the raw body, keyed with the shared secret.</summary>
    public const string SignatureHeader = "X-Connector-Signature";
    public const string StoreHashHeader = "X-Store-Hash";
    public const string CorrelationIdHeader = "X-Correlation-Id";
    public const string SignaturePrefix = "sha256=";

    /// <summary>One key per order version: the same version always gets the same key, a new version a new one.</summary>
    public static string IdempotencyKey(string storeHash, long orderId, DateTimeOffset modifiedAt) =>
        $"{storeHash}:{orderId}:{modifiedAt.ToUnixTimeSeconds()}";

    /// <summary>One key per BigCommerce shipment: the webhook and the poll, however often, deliver it under this one key.</summary>
    public static string ShipmentIdempotencyKey(string storeHash, long bigCommerceShipmentId) =>
        $"{storeHash}:shipment:{bigCommerceShipmentId}";

    /// <summary>
    /// One key per product version (<c>{store}:product:{id}:{date_modified as Unix seconds}</c>); a deletion, which happens
    /// once to a product id, has <c>deleted</c> for its version, so every report of it shares one key.
    /// </summary>
    public static string ProductIdempotencyKey(string storeHash, long productId, DateTimeOffset? version) =>
        version is { } v ? $"{storeHash}:product:{productId}:{v.ToUnixTimeSeconds()}" : $"{storeHash}:product:{productId}:deleted";
}
