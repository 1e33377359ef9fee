using System.Text.Json.Serialization;

namespace Connector.BackOffice;

/// <summary>
/// The body of <c>POST {back office}/bigcommerce-shipments</c>: a shipment someone made in BigCommerce (the merchant in
/// the control panel, another app), as the back office's contract states it. Deliberately without the shipment's
/// addresses or customer: the back office has them from the order, and what is not sent cannot leak.
/// </summary>
public sealed record BigCommerceShipmentDelivery(
    string StoreHash,
    long OrderId,
    long ShipmentId,
    DateTimeOffset? CreatedAt,
    string? TrackingNumber,
    string? ShippingProvider,
    string? TrackingCarrier,
    string? TrackingLink,
    string? ShippingMethod,
    IReadOnlyList<BigCommerceShipmentLine> Items);

/// <param name="Sku">Only when the connector knows it without another call; BigCommerce's shipment names no SKU.</param>
public sealed record BigCommerceShipmentLine(
    long OrderProductId,
    long ProductId,
    int Quantity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sku = null);
