using Connector.BackOffice;
using Connector.BigCommerce;

namespace Connector.Shipments;

/// <summary>A BigCommerce shipment as the back office receives it: tracking and lines only, never an address or the customer.</summary>
public static class PulledShipmentMapper
{
    public static BigCommerceShipmentDelivery ToDelivery(string storeHash, V2Shipment shipment) => new(
        storeHash,
        shipment.OrderId,
        shipment.Id,
        shipment.DateCreated is { } text && Rfc2822Date.TryParse(text, out var created) ? created : null,
        Blank(shipment.TrackingNumber),
        Blank(shipment.ShippingProvider),
        Blank(shipment.TrackingCarrier),
        Blank(shipment.TrackingLink),
        Blank(shipment.ShippingMethod),
        shipment.Items.Select(i => new BigCommerceShipmentLine(i.OrderProductId, i.ProductId, i.Quantity)).ToList());

    /// <summary>BigCommerce answers "" for a field never set; the back office gets null for "none".</summary>
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
