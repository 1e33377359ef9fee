using Connector.BigCommerce;
using Connector.Orders;

namespace Connector.Shipments;

/// <summary>One product of an order, as far as shipping it goes: ids, SKU and quantities. No customer data.</summary>
public sealed record OrderProductFact(long Id, string? Sku, int Quantity, int QuantityShipped, long? AddressId)
{
    public int Unshipped => Math.Max(0, Quantity - QuantityShipped);
}

/// <summary>What shipping or cancelling an order needs to know of it: read from BigCommerce just before, or held since its last read.</summary>
public sealed record OrderFacts(long OrderId, int? StatusId, bool IsDeleted, int ItemsShipped, IReadOnlyList<OrderProductFact> Products)
{
    public const int IncompleteStatus = 0;
    public const int ShippedStatus = 2;
    public const int PartiallyShippedStatus = 3;
    public const int RefundedStatus = 4;
    public const int CancelledStatus = 5;
    public const int DeclinedStatus = 6;

    /// <param name="products">The order's products, when the order embeds fewer than all of them (more than 50): read from /products.</param>
    public static OrderFacts From(V2Order order, IReadOnlyList<V2OrderProduct>? products = null)
    {
        var lines = products ?? order.ShippingLines();
        return new OrderFacts(order.Id, order.StatusId, order.IsDeleted, order.ItemsShipped,
            lines.Select(l => new OrderProductFact(l.Id, l.Sku, l.Quantity, l.QuantityShipped, l.OrderAddressId)).ToList());
    }

    public static OrderFacts From(long orderId, HeldOrderFacts held) =>
        new(orderId, held.StatusId, held.IsDeleted, held.Products.Sum(p => p.QuantityShipped),
            held.Products.Select(p => new OrderProductFact(p.Id, p.Sku, p.Quantity, p.QuantityShipped, p.AddressId)).ToList());

    /// <summary>Why a shipment cannot go on this order, or null when it can.</summary>
    public string? WhyNotShippable() => IsDeleted ? $"order {OrderId} is deleted (archived) in BigCommerce"
        : StatusId switch
        {
            CancelledStatus => $"order {OrderId} is cancelled in BigCommerce",
            RefundedStatus => $"order {OrderId} is refunded in BigCommerce",
            DeclinedStatus => $"order {OrderId} is declined in BigCommerce",
            IncompleteStatus => $"order {OrderId} is an incomplete checkout, not an order",
            _ => null,
        };

    /// <summary>True when anything of the order has shipped, by anyone.</summary>
    public bool AnythingShipped => ItemsShipped > 0 || Products.Any(p => p.QuantityShipped > 0)
        || StatusId is ShippedStatus or PartiallyShippedStatus;
}
