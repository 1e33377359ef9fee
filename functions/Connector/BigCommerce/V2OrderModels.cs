using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

/// <summary>
/// A V2 order as the API returns it (orders.v2.oas2.yml, order_Resp). Fields are nullable on purpose:
/// the response is checked by <see cref="V2OrderValidation"/> so a malformed one fails with a clear reason.
/// </summary>
public sealed record V2Order
{
    public long Id { get; init; }
    public long CustomerId { get; init; }
    public DateTimeOffset? DateCreated { get; init; }
    public DateTimeOffset? DateModified { get; init; }
    public int? StatusId { get; init; }
    public string? Status { get; init; }
    public decimal SubtotalExTax { get; init; }
    public decimal SubtotalIncTax { get; init; }
    public decimal ShippingCostExTax { get; init; }
    public decimal ShippingCostIncTax { get; init; }
    public decimal HandlingCostIncTax { get; init; }
    public decimal TotalExTax { get; init; }
    public decimal TotalIncTax { get; init; }
    public decimal TotalTax { get; init; }
    public decimal DiscountAmount { get; init; }
    public decimal CouponDiscount { get; init; }
    public decimal RefundedAmount { get; init; }
    public int ItemsTotal { get; init; }
    public int ItemsShipped { get; init; }
    /// <summary>Archived ("deleted") in the control panel.</summary>
    public bool IsDeleted { get; init; }
    public string? PaymentMethod { get; init; }
    public string? PaymentStatus { get; init; }
    public string? CurrencyCode { get; init; }
    public string? DefaultCurrencyCode { get; init; }
    public string? StaffNotes { get; init; }
    public string? CustomerMessage { get; init; }
    public string? CustomerLocale { get; init; }
    public long ChannelId { get; init; }
    public string? ExternalOrderId { get; init; }
    public V2Address? BillingAddress { get; init; }
    public V2Consignments? Consignments { get; init; }

    /// <summary>
    /// The lines its shipping consignments embed, each with the id of the address it goes to (<c>order_address_id</c>, as
    /// <c>/products</c> gives it): the consignment holding a line is where it ships.
    /// </summary>
    public IReadOnlyList<V2OrderProduct> ShippingLines() => [.. (Consignments?.Shipping ?? [])
        .SelectMany(address => (address.LineItems ?? []).Select(line => line with { OrderAddressId = line.OrderAddressId ?? address.Id }))];
}

public sealed record V2Address
{
    public long Id { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Company { get; init; }
    // V2 writes these with an underscore before the digit, which no naming policy produces.
    [JsonPropertyName("street_1")]
    public string? Street1 { get; init; }
    [JsonPropertyName("street_2")]
    public string? Street2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Zip { get; init; }
    public string? Country { get; init; }
    public string? CountryIso2 { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? ShippingMethod { get; init; }
    public IReadOnlyList<V2OrderProduct>? LineItems { get; init; }
}

/// <summary>With <c>consignment_structure=object</c>: where each group of line items goes.</summary>
public sealed record V2Consignments
{
    public IReadOnlyList<V2Address>? Shipping { get; init; }
    public IReadOnlyList<V2PickupConsignment>? Pickups { get; init; }
}

/// <summary>An order, or part of one, collected in person (spec pickupConsignment_Get): where and how.</summary>
public sealed record V2PickupConsignment
{
    public long Id { get; init; }
    public string? PickupMethodDisplayName { get; init; }
    public V2PickupLocation? Location { get; init; }
    public IReadOnlyList<V2OrderProduct>? LineItems { get; init; }
}

public sealed record V2PickupLocation
{
    public long Id { get; init; }
    public string? Name { get; init; }
    [JsonPropertyName("address_line_1")]
    public string? AddressLine1 { get; init; }
    [JsonPropertyName("address_line_2")]
    public string? AddressLine2 { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? CountryAlpha2 { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

/// <summary>A line item (spec schema orderProducts).</summary>
public sealed record V2OrderProduct
{
    public long Id { get; init; }
    public long ProductId { get; init; }
    public long? VariantId { get; init; }
    public long? OrderAddressId { get; init; }
    public string? Name { get; init; }
    public string? Sku { get; init; }
    public int Quantity { get; init; }
    public int QuantityShipped { get; init; }
    public decimal PriceExTax { get; init; }
    public decimal PriceIncTax { get; init; }
    public decimal TotalExTax { get; init; }
    public decimal TotalIncTax { get; init; }
}

/// <summary>One of the store's order statuses (orders.v2 order_statuses): the id is fixed, the label is the merchant's.</summary>
public sealed record V2OrderStatus
{
    public int Id { get; init; }
    public string? Name { get; init; }
    public string? CustomLabel { get; init; }
    public int? Order { get; init; }

    public string DisplayName => !string.IsNullOrWhiteSpace(CustomLabel) ? CustomLabel : Name ?? $"status {Id}";
}
