using Connector.BigCommerce;

namespace Connector.Shipments;

/// <summary>
/// Recognises the connector's own shipment among an order's shipments after the answer to its POST was lost: made no
/// earlier than the write began (BigCommerce's whole-second creation time allowed for), the same tracking number, and
/// exactly the same order products and quantities.
/// </summary>
public static class ShipmentMatching
{
    public static V2Shipment? FindOurs(IReadOnlyList<V2Shipment> onOrder, string? trackingNumber, IReadOnlyList<PlannedLine> lines, DateTimeOffset? writeStartedAt)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        var wanted = Normalise(lines.Select(l => (l.OrderProductId, l.Quantity)));
        return onOrder
            .Where(s => string.Equals(s.TrackingNumber ?? "", trackingNumber ?? "", StringComparison.Ordinal))
            .Where(s => Normalise(s.Items.Select(i => (i.OrderProductId, i.Quantity))) == wanted)
            .Where(s => writeStartedAt is null || CreatedAt(s) is not { } created || created >= writeStartedAt.Value.AddSeconds(-2))
            .OrderBy(s => s.Id)
            .FirstOrDefault();
    }

    private static string Normalise(IEnumerable<(long Product, int Quantity)> items) =>
        string.Join(",", items.GroupBy(i => i.Product).OrderBy(g => g.Key).Select(g => $"{g.Key}x{g.Sum(i => i.Quantity)}"));

    private static DateTimeOffset? CreatedAt(V2Shipment shipment) =>
        shipment.DateCreated is { } text && Rfc2822Date.TryParse(text, out var at) ? at : null;
}
