namespace Sandbox.BigCommerce;

/// <summary>
/// An order as the sandbox keeps it. Immutable: a change replaces the record under the store's
/// lock, so readers rendering JSON outside the lock never see half an update.
/// Totals are derived from the lines so they can never disagree with them.
/// </summary>
public sealed record StoredOrder(
    long Id,
    long CustomerId,
    DateTimeOffset DateCreated,
    DateTimeOffset DateModified,
    DateTimeOffset? DateShipped,
    int StatusId,
    StoredAddress BillingAddress,
    StoredShipping Shipping,
    IReadOnlyList<StoredLine> Lines,
    string PaymentMethod,
    string PaymentStatus,
    string CurrencyCode,
    string StaffNotes,
    string CustomerMessage,
    long ChannelId,
    string? ExternalOrderId,
    string CustomerLocale,
    string CartId,
    string IpAddress,
    decimal TaxRate)
{
    public string StatusName => OrderStatuses.NameOf(StatusId);

    public decimal SubtotalExTax => Lines.Sum(l => l.TotalExTax);
    public decimal SubtotalTax => Lines.Sum(l => l.TotalTax);
    public decimal SubtotalIncTax => SubtotalExTax + SubtotalTax;
    public decimal TotalExTax => SubtotalExTax + Shipping.CostExTax;
    public decimal TotalTax => SubtotalTax + Shipping.CostTax;
    public decimal TotalIncTax => TotalExTax + TotalTax;
    public int ItemsTotal => Lines.Sum(l => l.Quantity);
    public int ItemsShipped => Lines.Sum(l => l.QuantityShipped);
}

/// <summary>One order product (BigCommerce <c>orderProducts</c>). Prices are per unit; totals per line.</summary>
public sealed record StoredLine(
    long Id,
    long ProductId,
    long VariantId,
    long OrderAddressId,
    string Name,
    string Sku,
    string Brand,
    int Quantity,
    int QuantityShipped,
    decimal UnitPriceExTax,
    decimal UnitTax,
    decimal Weight)
{
    public decimal UnitPriceIncTax => UnitPriceExTax + UnitTax;
    public decimal TotalExTax => UnitPriceExTax * Quantity;
    public decimal TotalTax => UnitTax * Quantity;
    public decimal TotalIncTax => UnitPriceIncTax * Quantity;
}

public sealed record StoredAddress(
    string FirstName,
    string LastName,
    string Company,
    string Street1,
    string Street2,
    string City,
    string State,
    string Zip,
    string Country,
    string CountryIso2,
    string Phone,
    string Email);

/// <summary>The single shipping consignment of an order. Its id is also the order_address_id of the lines.</summary>
public sealed record StoredShipping(long Id, StoredAddress Address, string ShippingMethod, decimal CostExTax, decimal CostTax)
{
    public decimal CostIncTax => CostExTax + CostTax;
}
