using System.Text.Json;
using Connector.BigCommerce;

namespace Connector.Orders;

/// <summary>One product of a delivered order version as far as shipping it goes: ids, SKU, quantities. No customer data.</summary>
public sealed record HeldOrderProduct(long Id, string? Sku, int Quantity, int QuantityShipped, long? AddressId);

/// <summary>
/// What the connector keeps of the newest order version it read, so that shipping the order later needs no second read
/// of it: status, and each product's ids and quantities. Kept on the order's ledger row (<see cref="OrderLedgerEntry.HeldFacts"/>);
/// the connector's own shipments add their quantities to it. Orders with more products than <see cref="MaxProducts"/> are
/// not held (a table property holds 64 KiB): shipping them reads the order.
/// </summary>
public sealed record HeldOrderFacts(DateTimeOffset ModifiedAt, int? StatusId, bool IsDeleted, IReadOnlyList<HeldOrderProduct> Products)
{
    public const int MaxProducts = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>Null when the order has too many products to hold.</returns>
    public static HeldOrderFacts? From(V2Order order, IReadOnlyList<V2OrderProduct> lines)
    {
        if (lines.Count > MaxProducts || order.DateModified is not { } modifiedAt)
        {
            return null;
        }

        var addressOf = order.ShippingLines().DistinctBy(l => l.Id).ToDictionary(l => l.Id, l => l.OrderAddressId);
        return new HeldOrderFacts(modifiedAt, order.StatusId, order.IsDeleted, lines
            .Select(l => new HeldOrderProduct(l.Id, l.Sku, l.Quantity, l.QuantityShipped, l.OrderAddressId ?? addressOf.GetValueOrDefault(l.Id)))
            .ToList());
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static HeldOrderFacts? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<HeldOrderFacts>(json, Json);

    /// <summary>The facts after the connector's own shipment of these quantities: shipped in part, or in full.</summary>
    public HeldOrderFacts WithShipped(IReadOnlyDictionary<long, int> shipped)
    {
        var products = Products.Select(p => p with { QuantityShipped = p.QuantityShipped + shipped.GetValueOrDefault(p.Id) }).ToList();
        return this with { Products = products, StatusId = products.All(p => p.QuantityShipped >= p.Quantity) ? 2 : 3 };
    }
}
