namespace Connector.BackOffice;

/// <summary>
/// The order as the back office receives it (POST /orders). Documented for integrators in
/// docs/back-office.openapi.yaml; serialized in snake_case. Money is decimal, never float.
/// </summary>
public sealed record CanonicalOrder(
    string StoreHash,
    long OrderId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt,
    OrderStatus Status,
    string Currency,
    OrderTotals Totals,
    OrderPayment Payment,
    OrderCustomer Customer,
    PostalAddress BillingAddress,
    IReadOnlyList<OrderShipment> Shipments,
    IReadOnlyList<OrderLine> Lines,
    string? CustomerMessage,
    string? StaffNotes,
    long ChannelId,
    string? ExternalOrderId);

public sealed record OrderStatus(int Id, string Name);

public sealed record OrderTotals(
    decimal SubtotalExTax,
    decimal SubtotalIncTax,
    decimal ShippingExTax,
    decimal ShippingIncTax,
    decimal HandlingIncTax,
    decimal Discount,
    decimal Tax,
    decimal TotalExTax,
    decimal TotalIncTax);

public sealed record OrderPayment(string? Method, string? Status, decimal RefundedAmount);

public sealed record OrderCustomer(long Id, string? Email, string? Locale);

public sealed record PostalAddress(
    string? FirstName,
    string? LastName,
    string? Company,
    string? Street1,
    string? Street2,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string? CountryIso2,
    string? Phone,
    string? Email);

/// <summary>One destination of the order (a BigCommerce shipping consignment) and the lines going there.</summary>
public sealed record OrderShipment(long ConsignmentId, PostalAddress Address, string? ShippingMethod, IReadOnlyList<long> LineIds);

public sealed record OrderLine(
    long LineId,
    long ProductId,
    long? VariantId,
    string? Sku,
    string Name,
    int Quantity,
    decimal UnitPriceExTax,
    decimal UnitPriceIncTax,
    decimal TotalExTax,
    decimal TotalIncTax);
