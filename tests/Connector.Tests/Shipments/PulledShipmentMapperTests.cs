using System.Text.Json;
using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Shipments;

namespace Connector.Tests.Shipments;

public sealed class PulledShipmentMapperTests
{
    private static readonly V2Shipment Shipment = new()
    {
        Id = 12,
        OrderId = 251,
        OrderAddressId = 9,
        DateCreated = "Tue, 04 Mar 2025 08:15:30 +0000",
        TrackingNumber = "1Z999",
        ShippingProvider = "",
        TrackingCarrier = "ups",
        TrackingLink = "",
        ShippingMethod = "Ground",
        Items = [new() { OrderProductId = 31, ProductId = 87, Quantity = 2 }],
    };

    [Fact]
    public void A_shipment_becomes_the_back_offices_record_with_blank_fields_as_null()
    {
        var delivery = PulledShipmentMapper.ToDelivery("abc123", Shipment);

        Assert.Equal(new BigCommerceShipmentDelivery("abc123", 251, 12, new DateTimeOffset(2025, 3, 4, 8, 15, 30, TimeSpan.Zero),
            "1Z999", null, "ups", null, "Ground", delivery.Items), delivery);
        Assert.Equal([new BigCommerceShipmentLine(31, 87, 2)], delivery.Items);
    }

    [Fact]
    public void The_body_is_snake_case_with_no_address_customer_or_unknown_sku()
    {
        var json = JsonSerializer.SerializeToElement(PulledShipmentMapper.ToDelivery("abc123", Shipment), BackOfficeClient.Json);

        Assert.Equal(
            ["created_at", "items", "order_id", "shipment_id", "shipping_method", "shipping_provider", "store_hash", "tracking_carrier", "tracking_link", "tracking_number"],
            json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["order_product_id", "product_id", "quantity"], json.GetProperty("items")[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_known_sku_is_sent()
    {
        var json = JsonSerializer.SerializeToElement(new BigCommerceShipmentLine(31, 87, 2, "SKU-1"), BackOfficeClient.Json);

        Assert.Equal("SKU-1", json.GetProperty("sku").GetString());
    }

    [Fact]
    public void Each_BigCommerce_shipment_has_one_idempotency_key()
    {
        Assert.Equal("abc123:shipment:12", BackOfficeProtocol.ShipmentIdempotencyKey("abc123", 12));
    }
}
