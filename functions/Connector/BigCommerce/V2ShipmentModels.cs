using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

/// <summary>The body of <c>POST /v2/orders/{order_id}/shipments</c> (orderShipment_Post).</summary>
public sealed record V2ShipmentRequest
{
    public long OrderAddressId { get; init; }
    public IReadOnlyList<V2ShipmentItem> Items { get; init; } = [];
    public string TrackingNumber { get; init; } = "";
    public string ShippingProvider { get; init; } = "";
    public string TrackingCarrier { get; init; } = "";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TrackingLink { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ShippingMethod { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comments { get; init; }
}

public sealed record V2ShipmentItem
{
    public long OrderProductId { get; init; }
    public int Quantity { get; init; }
    /// <summary>Read-only in BigCommerce (answers carry it); never written.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ProductId { get; init; }
}

/// <summary>A shipment as BigCommerce answers it (orderShipment); only what the connector reads. Addresses are not read.</summary>
public sealed record V2Shipment
{
    public long Id { get; init; }
    public long OrderId { get; init; }
    public long OrderAddressId { get; init; }
    public string? DateCreated { get; init; }
    public string? TrackingNumber { get; init; }
    public string? ShippingProvider { get; init; }
    public string? TrackingCarrier { get; init; }
    public string? TrackingLink { get; init; }
    public string? ShippingMethod { get; init; }
    public IReadOnlyList<V2ShipmentItem> Items { get; init; } = [];
}
