namespace Connector.Shipments;

/// <summary>
/// One back-office shipment or cancellation on the <c>shipments</c> queue. <see cref="ShipmentId"/> or
/// <see cref="CancellationId"/> names it for logs and poison messages (ids only).
/// </summary>
/// <param name="Source"><c>feed</c> or <c>push</c>.</param>
public sealed record ShipmentMessage(
    string StoreHash,
    long OrderId,
    string? ShipmentId,
    string? CancellationId,
    BackOfficeShipment? Shipment,
    BackOfficeCancellation? Cancellation,
    string CorrelationId,
    string Source)
{
    public static ShipmentMessage Of(FulfilmentRecord record, string correlationId, string source) =>
        new(record.StoreHash, record.OrderId, record.Shipment?.Id, record.Cancellation?.Id, record.Shipment, record.Cancellation, correlationId, source);

    /// <summary>The record, when the message holds exactly one that agrees with its envelope; null otherwise.</summary>
    public FulfilmentRecord? Record() => (Shipment, Cancellation) switch
    {
        ({ } s, null) when s.Id == ShipmentId && s.StoreHash == StoreHash && s.OrderId == OrderId && s.Items is { Count: > 0 } => new FulfilmentRecord(s, null),
        (null, { } c) when c.Id == CancellationId && c.StoreHash == StoreHash && c.OrderId == OrderId => new FulfilmentRecord(null, c),
        _ => null,
    };
}
