namespace Connector.Shipments;

/// <summary>One line of a back-office shipment: what left, by SKU or by BigCommerce order product id, and how many.</summary>
public sealed record ShipmentLine(string? Sku, long? OrderProductId, int Quantity);

/// <summary>
/// A parcel the back office shipped. <see cref="Id"/> is the back office's own shipment id and its identity: a record
/// read twice (feed and push, or a feed page read again) is one shipment in BigCommerce.
/// </summary>
public sealed record BackOfficeShipment(
    string Id,
    string StoreHash,
    long OrderId,
    IReadOnlyList<ShipmentLine> Items,
    string? TrackingNumber,
    string? Carrier,
    string? TrackingLink,
    string? ShippingMethod,
    DateTimeOffset ShippedAt,
    string? Location,
    string? Comments);

/// <summary>The back office cancelled an order; <see cref="Id"/> is its identity, as for shipments.</summary>
public sealed record BackOfficeCancellation(string Id, string StoreHash, long OrderId, string? Reason, DateTimeOffset? CancelledAt);

/// <summary>A record from the feed or a push once checked: exactly one of its two parts is set.</summary>
public sealed record FulfilmentRecord(BackOfficeShipment? Shipment, BackOfficeCancellation? Cancellation)
{
    public string Id => Shipment?.Id ?? Cancellation!.Id;

    public string StoreHash => Shipment?.StoreHash ?? Cancellation!.StoreHash;

    public long OrderId => Shipment?.OrderId ?? Cancellation!.OrderId;

    public string Kind => Shipment is null ? "cancellation" : "shipment";
}

/// <summary>A record refused on its own (the rest of its page or push goes on); the text names it by index and id, never more.</summary>
public sealed record RefusedRecord(int Index, string? Id, string Error)
{
    public override string ToString() => Id is null ? $"record {Index}: {Error}" : $"record {Index} ({Id}): {Error}";
}
