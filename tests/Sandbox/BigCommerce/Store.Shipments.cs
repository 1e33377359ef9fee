namespace Sandbox.BigCommerce;

/// <summary>
/// A store's order shipments. Under the same lock as the orders: a shipment is checked against the
/// order, stored, and the order changed (quantity_shipped, status, date_modified) as one step, so two
/// concurrent shipments can never both take the last unshipped unit.
/// </summary>
public sealed partial class Store
{
    private readonly Dictionary<long, List<StoredShipment>> _shipments = [];

    // BigCommerce's shipment ids are per store, not per order.
    private long _nextShipmentId = 1;

    public ShipmentOutcome CreateShipment(long orderId, ShipmentRequest request)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var current))
            {
                return new ShipmentOutcome.OrderNotFound();
            }
            if (ShipmentRules.Refusal(current, request) is { } refusal)
            {
                return new ShipmentOutcome.Refused(refusal);
            }

            var (previous, updated) = ChangeLocked(current, o => ShipmentRules.Ship(o, request.Items));
            var shipment = new StoredShipment(
                _nextShipmentId++,
                orderId,
                request.OrderAddressId,
                BigCommerceDates.TruncateToSeconds(_clock.GetUtcNow()),
                request.TrackingNumber,
                request.ShippingMethod,
                request.ShippingProvider,
                request.TrackingCarrier,
                request.TrackingLink,
                request.Comments,
                request.MerchantShippingCost,
                request.Items.Select(i => new StoredShipmentItem(i.OrderProductId, current.Lines.First(l => l.Id == i.OrderProductId).ProductId, i.Quantity)).ToList());
            if (!_shipments.TryGetValue(orderId, out var ofOrder))
            {
                _shipments[orderId] = ofOrder = [];
            }
            ofOrder.Add(shipment);
            return new ShipmentOutcome.Applied(shipment, previous, updated);
        }
    }

    /// <summary>The order and its shipments in creation order, or null if there is no such order.</summary>
    public (StoredOrder Order, IReadOnlyList<StoredShipment> Shipments)? ShipmentsOf(long orderId)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(orderId, out var order)
                ? (order, _shipments.TryGetValue(orderId, out var ofOrder) ? ofOrder.ToList() : [])
                : null;
        }
    }

    /// <summary>Every shipment of the store with its order, by shipment id: for tests counting duplicates across orders.</summary>
    public IReadOnlyList<(StoredOrder Order, StoredShipment Shipment)> AllShipments()
    {
        lock (_gate)
        {
            return _shipments.Values.SelectMany(s => s).OrderBy(s => s.Id).Select(s => (_orders[s.OrderId], s)).ToList();
        }
    }

    /// <summary>Removes the shipment; its quantities become shippable again and date_modified moves, the status doesn't.</summary>
    public ShipmentOutcome DeleteShipment(long orderId, long shipmentId)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(orderId, out var current))
            {
                return new ShipmentOutcome.OrderNotFound();
            }
            if (!_shipments.TryGetValue(orderId, out var ofOrder) || ofOrder.Find(s => s.Id == shipmentId) is not { } shipment)
            {
                return new ShipmentOutcome.ShipmentNotFound();
            }

            ofOrder.Remove(shipment);
            var (previous, updated) = ChangeLocked(current, o => ShipmentRules.Unship(o, shipment));
            return new ShipmentOutcome.Applied(shipment, previous, updated);
        }
    }
}
