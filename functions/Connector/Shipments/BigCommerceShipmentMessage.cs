namespace Connector.Shipments;

/// <summary>
/// One shipment made in BigCommerce, on the <c>bigcommerce-shipments</c> queue: ids only, the shipment is read when the
/// message is handled (what was true then, not when the event fired).
/// </summary>
/// <param name="Source"><c>webhook</c> or <c>poll</c>.</param>
/// <param name="CorrelationId">A webhook's <c>webhook-id</c>, or the poll's run.</param>
/// <param name="CallbackCopy">A webhook's message only: the id the endpoint gave this copy, the holder of its receipt's claim.</param>
public sealed record BigCommerceShipmentMessage(
    string StoreHash, long OrderId, long BigCommerceShipmentId, string Source, string CorrelationId, string? CallbackCopy = null)
{
    public const string Webhook = "webhook";
    public const string Poll = "poll";
}
