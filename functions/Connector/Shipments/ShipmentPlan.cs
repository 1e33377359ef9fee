namespace Connector.Shipments;

/// <summary>The lines of one BigCommerce shipment: the shipping address they go to and each order product's quantity.</summary>
public sealed record PlannedShipment(long OrderAddressId, IReadOnlyList<PlannedLine> Lines);

public sealed record PlannedLine(long OrderProductId, int Quantity);

/// <summary>
/// Turns a back-office shipment's lines into BigCommerce order products, or says why it cannot be shipped. A pure
/// decision over the order as just read, so every case is a unit test. Lines by SKU go to the order's products with
/// that SKU in id order, each taking what it still has unshipped (one SKU ordered twice is split by what is left);
/// lines by order product id go to that product. More than remains unshipped is refused, never trimmed: the back office
/// and BigCommerce disagree, and a merchant must look.
/// </summary>
public static class ShipmentPlan
{
    public static (PlannedShipment? Plan, string? Refusal) Decide(OrderFacts order, IReadOnlyList<ShipmentLine> lines)
    {
        if (order.WhyNotShippable() is { } notShippable)
        {
            return (null, notShippable);
        }

        var left = order.Products.ToDictionary(p => p.Id, p => p.Unshipped);
        var taken = new Dictionary<long, int>();
        foreach (var line in lines)
        {
            var candidates = line.OrderProductId is { } id
                ? order.Products.Where(p => p.Id == id).ToList()
                : order.Products.Where(p => string.Equals(p.Sku, line.Sku, StringComparison.Ordinal)).OrderBy(p => p.Id).ToList();
            if (candidates.Count == 0)
            {
                return (null, line.OrderProductId is { } missing
                    ? $"order product {missing} is not on order {order.OrderId}"
                    : $"SKU {line.Sku} is not on order {order.OrderId}");
            }

            var available = candidates.Sum(p => left[p.Id]);
            if (line.Quantity > available)
            {
                var ordered = candidates.Sum(p => p.Quantity);
                var shipped = candidates.Sum(p => p.QuantityShipped);
                return (null, $"{Name(line)}: {line.Quantity} to ship, but only {available} left unshipped "
                              + $"(ordered {ordered}, shipped {shipped} in BigCommerce{(available < ordered - shipped ? ", more in this shipment" : "")})");
            }

            var remaining = line.Quantity;
            foreach (var product in candidates)
            {
                var take = Math.Min(remaining, left[product.Id]);
                if (take == 0)
                {
                    continue;
                }

                left[product.Id] -= take;
                taken[product.Id] = taken.GetValueOrDefault(product.Id) + take;
                remaining -= take;
                if (remaining == 0)
                {
                    break;
                }
            }
        }

        var addresses = order.Products.Where(p => taken.ContainsKey(p.Id)).Select(p => p.AddressId).Distinct().ToList();
        if (addresses.Count != 1 || addresses[0] is not { } addressId)
        {
            return (null, addresses.Count > 1
                ? $"the lines go to {addresses.Count} shipping addresses of order {order.OrderId}; BigCommerce takes one shipment per address"
                : $"BigCommerce gave no shipping address for these lines of order {order.OrderId}");
        }

        return (new PlannedShipment(addressId, taken.OrderBy(t => t.Key).Select(t => new PlannedLine(t.Key, t.Value)).ToList()), null);
    }

    private static string Name(ShipmentLine line) => line.Sku is { } sku ? $"SKU {sku}" : $"order product {line.OrderProductId}";
}
