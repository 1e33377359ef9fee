namespace Connector.Telemetry;

/// <summary>
/// The ids a span carries so an operator can find an order's, a SKU's or a shipment's trace: ids only, never a token,
/// a secret or a customer's data.
/// </summary>
public static class SpanTags
{
    public const string StoreHash = "connector.store_hash";
    public const string OrderId = "connector.order_id";
    public const string Sku = "connector.sku";
    public const string ShipmentId = "connector.shipment_id";
    public const string ProductId = "connector.product_id";
    public const string Flow = "connector.flow";
    public const string CorrelationId = "connector.correlation_id";
    public const string Outcome = "connector.outcome";

    /// <summary>
    /// On the orders queue hop that delivered a version: seconds from its <c>date_modified</c> to the back office accepting
    /// it. The latency alert's p95 reads it (Azure Monitor keeps a histogram metric's sum, count, min and max, no buckets).
    /// </summary>
    public const string OrderLatencySeconds = "connector.order_latency_s";

    /// <summary>OpenTelemetry's messaging conventions, for the queue hops.</summary>
    public const string MessagingSystem = "messaging.system";
    public const string MessagingOperation = "messaging.operation.type";
    public const string MessagingDestination = "messaging.destination.name";
    public const string MessageId = "messaging.message.id";
    public const string DeliveryCount = "messaging.message.delivery_count";
    public const string AzureQueues = "azure_queue_storage";

    /// <summary>The tags a child span inherits from the nearest connector span above it (an HTTP call from a queue hop).</summary>
    public static readonly string[] Inherited = [StoreHash, OrderId, ProductId, Sku, ShipmentId, Flow];
}
