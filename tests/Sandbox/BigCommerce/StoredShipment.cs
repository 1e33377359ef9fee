namespace Sandbox.BigCommerce;

/// <summary>
/// One order shipment (orders.v2.oas2.yml, orderShipment) as the store keeps it. Immutable, like
/// <see cref="StoredOrder"/>. Customer and addresses are not copied: they are read from the order
/// when the shipment is rendered, as the sandbox never changes an order's addresses.
/// </summary>
public sealed record StoredShipment(
    long Id,
    long OrderId,
    long OrderAddressId,
    DateTimeOffset DateCreated,
    string TrackingNumber,
    string ShippingMethod,
    string ShippingProvider,
    string TrackingCarrier,
    string TrackingLink,
    string Comments,
    decimal MerchantShippingCost,
    IReadOnlyList<StoredShipmentItem> Items);

/// <param name="ProductId">The catalog product of the order product (read-only in the spec: never taken from the request).</param>
public sealed record StoredShipmentItem(long OrderProductId, long ProductId, int Quantity);

/// <summary>What a shipment write did: the order it was refused for, or the shipment with the order before and after.</summary>
public abstract record ShipmentOutcome
{
    private ShipmentOutcome()
    {
    }

    public sealed record OrderNotFound : ShipmentOutcome;

    public sealed record ShipmentNotFound : ShipmentOutcome;

    /// <param name="Message">BigCommerce-style V2 error message; nothing was stored.</param>
    public sealed record Refused(string Message) : ShipmentOutcome;

    /// <param name="Shipment">The shipment created or deleted.</param>
    /// <param name="Previous">The order before (for webhooks: did the status move?).</param>
    /// <param name="Updated">The order after, date_modified bumped.</param>
    public sealed record Applied(StoredShipment Shipment, StoredOrder Previous, StoredOrder Updated) : ShipmentOutcome;
}
