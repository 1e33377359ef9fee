using System.Text.Json.Nodes;

namespace Sandbox.BigCommerce;

/// <summary>
/// Renders a shipment as V2 does (orders.v2.oas2.yml, orderShipment, fields in the order of the
/// spec's example): snake_case, money as a four-decimal string, date_created as RFC 2822.
/// </summary>
public static class ShipmentJson
{
    public static JsonObject Shipment(StoredOrder order, StoredShipment s) => new()
    {
        ["id"] = s.Id,
        ["order_id"] = s.OrderId,
        ["customer_id"] = order.CustomerId,
        ["order_address_id"] = s.OrderAddressId,
        ["date_created"] = BigCommerceDates.Format(s.DateCreated),
        ["tracking_number"] = s.TrackingNumber,
        ["merchant_shipping_cost"] = OrderJson.Money(s.MerchantShippingCost),
        ["shipping_method"] = s.ShippingMethod,
        ["comments"] = s.Comments,
        ["shipping_provider"] = s.ShippingProvider,
        ["tracking_carrier"] = s.TrackingCarrier,
        ["tracking_link"] = s.TrackingLink,
        ["billing_address"] = OrderJson.AddressBase(order.BillingAddress),
        // The only address a sandbox order ships to; order_address_id was checked against it.
        ["shipping_address"] = OrderJson.AddressBase(order.Shipping.Address),
        ["items"] = new JsonArray(s.Items.Select(i => (JsonNode)new JsonObject
        {
            ["order_product_id"] = i.OrderProductId,
            ["product_id"] = i.ProductId,
            ["quantity"] = i.Quantity,
        }).ToArray()),
        ["shipping_provider_display_name"] = ShippingProviders.DisplayName(s.ShippingProvider),
        ["generated_tracking_link"] = ShippingProviders.GeneratedTrackingLink(s),
    };
}
