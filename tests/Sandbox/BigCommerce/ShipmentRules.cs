namespace Sandbox.BigCommerce;

/// <summary>
/// Whether a shipment fits its order, and what it does to the order. Pure functions of the order
/// as it is under the store's lock, so the check and the change can't be split by another request.
/// </summary>
public static class ShipmentRules
{
    /// <summary>Why BigCommerce would refuse <paramref name="request"/> for <paramref name="order"/>, or null if it fits.</summary>
    public static string? Refusal(StoredOrder order, ShipmentRequest request)
    {
        // Sandbox orders ship to one address, whose id is the consignment's (and every line's order_address_id).
        if (request.OrderAddressId != order.Shipping.Id)
        {
            return $"The field 'order_address_id' is invalid: {request.OrderAddressId} is not a shipping address of order {order.Id}.";
        }

        // The same order product may appear more than once in one request: what counts is the sum.
        foreach (var (orderProductId, quantity) in Totals(request.Items))
        {
            if (order.Lines.FirstOrDefault(l => l.Id == orderProductId) is not { } line)
            {
                return $"The field 'items.order_product_id' is invalid: {orderProductId} is not a product of order {order.Id}.";
            }
            if (line.OrderAddressId != request.OrderAddressId)
            {
                return $"The field 'items.order_product_id' is invalid: order product {orderProductId} ships to address {line.OrderAddressId}, not {request.OrderAddressId}.";
            }
            var remaining = line.Quantity - line.QuantityShipped;
            if (quantity > remaining)
            {
                return $"The field 'items.quantity' is invalid: order product {orderProductId} has {line.Quantity} ordered and {line.QuantityShipped} shipped, " +
                    $"so at most {remaining} can ship; {quantity} requested.";
            }
        }
        return null;
    }

    /// <summary>The order once the items are shipped (after <see cref="Refusal"/> found nothing, so no quantity passes the ordered one): quantity_shipped up, status Shipped if nothing is left, else Partially Shipped.</summary>
    public static StoredOrder Ship(StoredOrder order, IReadOnlyList<ShipmentRequestItem> items)
    {
        var totals = Totals(items);
        var lines = order.Lines.Select(l => l with { QuantityShipped = l.QuantityShipped + (int)totals.GetValueOrDefault(l.Id) }).ToList();
        var everythingShipped = lines.All(l => l.QuantityShipped >= l.Quantity);
        return order with
        {
            Lines = lines,
            StatusId = everythingShipped ? OrderStatuses.Shipped : OrderStatuses.PartiallyShipped,
        };
    }

    /// <summary>
    /// The order once a shipment is deleted: its quantities can be shipped again, but the status stays
    /// ("Deleting a shipment does not move the order out of shipped status", orders.mdx).
    /// </summary>
    public static StoredOrder Unship(StoredOrder order, StoredShipment shipment)
    {
        var totals = shipment.Items.GroupBy(i => i.OrderProductId).ToDictionary(g => g.Key, g => g.Sum(i => i.Quantity));
        return order with
        {
            Lines = order.Lines.Select(l => l with { QuantityShipped = Math.Max(0, l.QuantityShipped - totals.GetValueOrDefault(l.Id)) }).ToList(),
        };
    }

    // Summed as long: many items of int.MaxValue must be refused, not wrap around.
    private static Dictionary<long, long> Totals(IReadOnlyList<ShipmentRequestItem> items) =>
        items.GroupBy(i => i.OrderProductId).ToDictionary(g => g.Key, g => g.Sum(i => (long)i.Quantity));
}
