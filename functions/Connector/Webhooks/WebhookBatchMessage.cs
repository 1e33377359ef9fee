namespace Connector.Webhooks;

/// <summary>
/// One verified callback, as the endpoint accepted it: what the worker behind the <c>webhooks</c> queue needs, nothing more
/// (ids only, no customer data).
/// </summary>
/// <param name="OrderId">A shipment event's order; null for an order event (its order is <paramref name="DataId"/>).</param>
/// <param name="CreatedAt">The callback's <c>created_at</c> (Unix seconds), when BigCommerce reported the change.</param>
/// <param name="TraceParent">The request's W3C trace context, when the connector is traced (<see cref="Telemetry.CallbackTrace"/>).</param>
public sealed record AcceptedWebhook(string WebhookId, string StoreHash, string Scope, long DataId, long? OrderId, long? CreatedAt, string? TraceParent = null)
{
    public bool IsShipment => OrderId is not null;

    [System.Text.Json.Serialization.JsonIgnore]
    public DateTimeOffset? EventAt => CreatedAt is { } createdAt ? DateTimeOffset.FromUnixTimeSeconds(createdAt) : null;
}

/// <summary>
/// The callbacks one group commit of the endpoint wrote together (<c>webhooks</c> queue). <see cref="BatchId"/> is the
/// holder of their receipts' claims: the message's retries keep it and take their own claims back after a crash; another
/// copy of a callback, in another batch, has another holder and is dropped while the claim stands.
/// </summary>
public sealed record WebhookBatchMessage(string BatchId, IReadOnlyList<AcceptedWebhook> Callbacks)
{
    /// <summary>
    /// The most callbacks one message holds: at up to ~350 bytes of JSON each (a 200-character <c>webhook-id</c>), 64 stay
    /// well inside a queue message's 48 KiB of JSON (64 KiB once base64-encoded), with room for the retry envelopes.
    /// </summary>
    public const int MaxCallbacks = 64;
}
