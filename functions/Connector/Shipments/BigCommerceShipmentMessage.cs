namespace Connector.Shipments;

/// <summary>
/// One shipment made in BigCommerce, on the <c>bigcommerce-shipments</c> queue: ids only, the shipment is read when the
/// message is handled (what was true then, not when the event fired).
/// </summary>
/// <param name="Source"><c>webhook</c> or <c>poll</c>.</param>
public sealed record BigCommerceShipmentMessage(string StoreHash, long OrderId, long BigCommerceShipmentId, string Source, string CorrelationId)
{
    public const string Webhook = "webhook";
    public const string Poll = "poll";
}
