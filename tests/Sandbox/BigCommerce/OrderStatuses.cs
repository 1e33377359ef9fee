namespace Sandbox.BigCommerce;

/// <summary>The 15 standard BigCommerce order statuses (GET /v2/order_statuses).</summary>
public static class OrderStatuses
{
    public const int Incomplete = 0;
    public const int Shipped = 2;
    public const int PartiallyShipped = 3;
    public const int AwaitingPayment = 7;
    public const int AwaitingFulfillment = 11;

    public sealed record Status(int Id, string Name, string Description, int Order);

    public static IReadOnlyList<Status> All { get; } =
    [
        new(0, "Incomplete", "An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.", 0),
        new(1, "Pending", "Customer started the checkout process, but did not complete it.", 1),
        new(2, "Shipped", "Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.", 8),
        new(3, "Partially Shipped", "Only some items in the order have been shipped, due to some products being pre-order only or other reasons.", 6),
        new(4, "Refunded", "Seller has used the Refund action.", 11),
        new(5, "Cancelled", "Seller has cancelled an order, due to a stock inconsistency or other reasons.", 9),
        new(6, "Declined", "Seller has marked the order as declined for lack of manual payment, or other reasons.", 10),
        new(7, "Awaiting Payment", "Customer has completed checkout process, but payment has yet to be confirmed.", 2),
        new(8, "Awaiting Pickup", "Order has been pulled, and is awaiting customer pickup from a seller-specified location.", 5),
        new(9, "Awaiting Shipment", "Order has been pulled and packaged, and is awaiting collection from a shipping provider.", 4),
        new(10, "Completed", "Client has paid for their digital product and their file(s) are available for download.", 7),
        new(11, "Awaiting Fulfillment", "Customer has completed the checkout process and payment has been confirmed.", 3),
        new(12, "Manual Verification Required", "Order is on hold while some aspect needs to be manually confirmed.", 13),
        new(13, "Disputed", "Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.", 12),
        new(14, "Partially Refunded", "Seller has partially refunded the order.", 14),
    ];

    public static bool IsKnown(int id) => id >= 0 && id < All.Count;

    public static string NameOf(int id) => IsKnown(id) ? All[id].Name : throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown order status.");
}
