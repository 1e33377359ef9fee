using Connector.BackOffice;
using Connector.BigCommerce;

namespace Connector.Orders;

/// <summary>Maps a V2 order and its line items to the back office's canonical order.</summary>
public static class CanonicalOrderMapper
{
    /// <param name="lines">Every line item: the embedded ones, or those read from /products when V2 embedded only some.</param>
    public static CanonicalOrder Map(string storeHash, V2Order order, IReadOnlyList<V2OrderProduct> lines)
    {
        var shipping = order.Consignments?.Shipping ?? [];
        var pickups = order.Consignments?.Pickups ?? [];
        var shipments = shipping
            .Select(c => new OrderShipment(c.Id, Address(c), c.ShippingMethod, LineIds(lines, c.Id, c.LineItems)))
            .Concat(pickups.Select(p => new OrderShipment(p.Id, Address(p.Location), p.PickupMethodDisplayName, LineIds(lines, p.Id, p.LineItems))))
            .ToList();

        return new CanonicalOrder(
            StoreHash: storeHash,
            OrderId: order.Id,
            CreatedAt: order.DateCreated!.Value,
            ModifiedAt: order.DateModified!.Value,
            Status: new BackOffice.OrderStatus(order.StatusId!.Value, order.Status ?? ""),
            Currency: order.CurrencyCode ?? order.DefaultCurrencyCode ?? "",
            Totals: new OrderTotals(
                order.SubtotalExTax, order.SubtotalIncTax, order.ShippingCostExTax, order.ShippingCostIncTax,
                order.HandlingCostIncTax, order.DiscountAmount + order.CouponDiscount, order.TotalTax,
                order.TotalExTax, order.TotalIncTax),
            Payment: new OrderPayment(order.PaymentMethod, order.PaymentStatus, order.RefundedAmount),
            Customer: new OrderCustomer(order.CustomerId, order.BillingAddress?.Email, order.CustomerLocale),
            BillingAddress: Address(order.BillingAddress),
            Shipments: shipments,
            Lines: lines.Select(Line).ToList(),
            CustomerMessage: order.CustomerMessage,
            StaffNotes: order.StaffNotes,
            ChannelId: order.ChannelId,
            ExternalOrderId: order.ExternalOrderId);
    }

    /// <summary>The line items embedded in the order's consignments.</summary>
    public static IReadOnlyList<V2OrderProduct> EmbeddedLines(V2Order order) =>
        (order.Consignments?.Shipping ?? []).SelectMany(c => c.LineItems ?? [])
            .Concat((order.Consignments?.Pickups ?? []).SelectMany(p => p.LineItems ?? []))
            .DistinctBy(l => l.Id)
            .ToList();

    /// <summary>
    /// True when the embedded line items may not be all of them: V2 embeds at most 50, and an order
    /// with items but no consignments (say, digital only) embeds none.
    /// </summary>
    public static bool NeedsFullLineItems(V2Order order, IReadOnlyList<V2OrderProduct> embedded) =>
        embedded.Count >= BigCommerceOrdersClient.EmbeddedLineItemLimit
        || (embedded.Count == 0 && order.ItemsTotal > 0)
        || embedded.Sum(l => l.Quantity) < order.ItemsTotal;

    /// <summary>The lines of one consignment: those it embeds, or (read from /products) those addressed to it.</summary>
    private static List<long> LineIds(IReadOnlyList<V2OrderProduct> lines, long consignmentId, IReadOnlyList<V2OrderProduct>? embedded) =>
        lines.Where(l => embedded?.Any(e => e.Id == l.Id) == true || l.OrderAddressId == consignmentId)
            .Select(l => l.Id)
            .ToList();

    private static OrderLine Line(V2OrderProduct line) => new(
        line.Id, line.ProductId, line.VariantId is > 0 ? line.VariantId : null, line.Sku, line.Name ?? "",
        line.Quantity, line.PriceExTax, line.PriceIncTax, line.TotalExTax, line.TotalIncTax);

    private static PostalAddress Address(V2PickupLocation? l) => new(
        null, null, l?.Name, l?.AddressLine1, l?.AddressLine2, l?.City, l?.State, l?.PostalCode,
        null, l?.CountryAlpha2, l?.Phone, l?.Email);

    private static PostalAddress Address(V2Address? a) => new(
        a?.FirstName, a?.LastName, a?.Company, a?.Street1, a?.Street2, a?.City, a?.State, a?.Zip,
        a?.Country, a?.CountryIso2, a?.Phone, a?.Email);
}
