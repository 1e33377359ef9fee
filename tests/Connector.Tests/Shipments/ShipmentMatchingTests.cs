using Connector.BigCommerce;
using Connector.Shipments;

namespace Connector.Tests.Shipments;

/// <summary>Recognising our own shipment on the order after the answer to its POST was lost.</summary>
public sealed class ShipmentMatchingTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static V2Shipment Shipment(long id, string tracking, string created, params (long Product, int Quantity)[] items) => new()
    {
        Id = id,
        TrackingNumber = tracking,
        DateCreated = created,
        Items = items.Select(i => new V2ShipmentItem { OrderProductId = i.Product, Quantity = i.Quantity }).ToList(),
    };

    [Fact]
    public void The_shipment_with_our_tracking_number_and_exactly_our_lines_is_ours()
    {
        var onOrder = new[]
        {
            Shipment(1, "T", "Sun, 29 Nov 2026 10:00:05 +0000", (5, 1)),
            Shipment(2, "T", "Sun, 29 Nov 2026 10:00:05 +0000", (5, 1), (6, 2)),
        };

        Assert.Equal(2, ShipmentMatching.FindOurs(onOrder, "T", [new PlannedLine(6, 2), new PlannedLine(5, 1)], Started)?.Id);
    }

    [Fact]
    public void Another_tracking_number_other_lines_or_an_older_shipment_are_not_ours()
    {
        Assert.Null(ShipmentMatching.FindOurs([Shipment(1, "OTHER", "Sun, 29 Nov 2026 10:00:05 +0000", (5, 1))], "T", [new PlannedLine(5, 1)], Started));
        Assert.Null(ShipmentMatching.FindOurs([Shipment(1, "T", "Sun, 29 Nov 2026 10:00:05 +0000", (5, 2))], "T", [new PlannedLine(5, 1)], Started));
        Assert.Null(ShipmentMatching.FindOurs([Shipment(1, "T", "Sun, 29 Nov 2026 09:50:00 +0000", (5, 1))], "T", [new PlannedLine(5, 1)], Started));
    }

    [Fact]
    public void A_shipment_without_tracking_matches_one_without_tracking()
    {
        Assert.Equal(3, ShipmentMatching.FindOurs([Shipment(3, "", "Sun, 29 Nov 2026 10:00:00 +0000", (5, 1))], null, [new PlannedLine(5, 1)], Started)?.Id);
    }
}
