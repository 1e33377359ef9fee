using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Testing.Soak;

/// <summary>What the soak's back office does with one order it received (issue 14's cases).</summary>
public enum SoakFulfilmentKind
{
    /// <summary>One shipment of every line, through the feed.</summary>
    Full,

    /// <summary>Two parcels: the first lines by SKU through the feed, the rest by order product id pushed.</summary>
    PartialThenRest,

    /// <summary>One shipment whose row is in the feed twice (same id).</summary>
    FeedTwice,

    /// <summary>One shipment both in the feed and pushed.</summary>
    FeedAndPush,

    /// <summary>One shipment pushed only.</summary>
    Pushed,

    /// <summary>A cancellation of an order nothing of which shipped (the store allows cancelling).</summary>
    Cancel,

    /// <summary>A shipment and a cancellation of the same order at once: exactly one may win.</summary>
    Race,

    /// <summary>One more unit than was ordered: refused on purpose (BigCommerce would refuse it too).</summary>
    OverShip,
}

/// <summary>What must become of one record.</summary>
public enum SoakExpectation
{
    Ship,
    Cancel,

    /// <summary>Refused on purpose (<see cref="SoakFulfilmentKind.OverShip"/>).</summary>
    Refuse,

    /// <summary>One side of a race: done or refused, as long as exactly one of the order's two is done.</summary>
    Race,
}

/// <summary>One back-office record, by its identity; its tracking number is unique to it, so BigCommerce's shipments are matched by it.</summary>
public sealed record SoakFulfilmentRecord(string Store, long OrderId, string Kind, string Id, string? TrackingNumber, SoakExpectation Expect);

/// <summary>One order's records, and how they reach the connector: feed rows in order (copies included) and pushes.</summary>
public sealed record SoakFulfilmentOrder(
    string Store,
    long OrderId,
    SoakFulfilmentKind Kind,
    DateTimeOffset Version,
    IReadOnlyList<SoakFulfilmentRecord> Records,
    IReadOnlyList<JsonObject> FeedRows,
    IReadOnlyList<JsonObject> Pushed);

/// <summary>An order line as the back office knows it from the order it received.</summary>
public sealed record SoakOrderLine(long OrderProductId, string Sku, int Quantity);

/// <summary>Draws each order's case and writes its records; pure, so the mix follows the seed.</summary>
public static class SoakFulfilmentPlan
{
    // Weights: shipments of every kind most, races and plain cancellations a fair share, a few refused on purpose.
    private static readonly (SoakFulfilmentKind Kind, int Weight)[] Mix =
    [
        (SoakFulfilmentKind.Full, 5),
        (SoakFulfilmentKind.PartialThenRest, 3),
        (SoakFulfilmentKind.FeedTwice, 2),
        (SoakFulfilmentKind.FeedAndPush, 2),
        (SoakFulfilmentKind.Pushed, 2),
        (SoakFulfilmentKind.Cancel, 2),
        (SoakFulfilmentKind.Race, 3),
        (SoakFulfilmentKind.OverShip, 1),
    ];

    private static readonly string[] Carriers = ["UPS", "FedEx", "USPS", "Acme Couriers"];

    public static SoakFulfilmentKind Draw(Random random)
    {
        var roll = random.Next(Mix.Sum(m => m.Weight));
        foreach (var (kind, weight) in Mix)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        return SoakFulfilmentKind.Full;
    }

    public static SoakFulfilmentOrder Build(
        Random random, string store, int storeIndex, long orderId, DateTimeOffset version, SoakFulfilmentKind kind, IReadOnlyList<SoakOrderLine> lines)
    {
        var split = lines.Count > 1 || lines.Any(l => l.Quantity > 1);
        if (kind == SoakFulfilmentKind.PartialThenRest && !split)
        {
            kind = SoakFulfilmentKind.Full; // one unit of one line cannot go in two parcels
        }

        var records = new List<SoakFulfilmentRecord>();
        var feed = new List<JsonObject>();
        var pushed = new List<JsonObject>();
        var carrier = Carriers[random.Next(Carriers.Length)];
        var all = lines.Select(l => (l.Sku, l.Quantity)).ToList();

        JsonObject Shipment(string suffix, SoakExpectation expect, IEnumerable<(string Sku, int Quantity)>? bySku = null, IEnumerable<(long Id, int Quantity)>? byProduct = null)
        {
            var id = $"soak-{orderId}-{suffix}";
            // Unique per record: BigCommerce's shipments are told apart by it at the end.
            var tracking = string.Create(CultureInfo.InvariantCulture, $"SK{storeIndex}-{orderId}-{suffix}");
            records.Add(new SoakFulfilmentRecord(store, orderId, "shipment", id, tracking, expect));
            return SandboxAdmin.ShipmentRecord(store, id, orderId, items: bySku, orderProductItems: byProduct, trackingNumber: tracking, carrier: carrier);
        }

        JsonObject Cancellation(SoakExpectation expect)
        {
            var id = $"soak-{orderId}-c";
            records.Add(new SoakFulfilmentRecord(store, orderId, "cancellation", id, null, expect));
            return SandboxAdmin.CancellationRecord(store, id, orderId, reason: "Customer asked (soak)");
        }

        switch (kind)
        {
            case SoakFulfilmentKind.Full:
                feed.Add(Shipment("s1", SoakExpectation.Ship, all));
                break;
            case SoakFulfilmentKind.PartialThenRest:
                var (first, rest) = lines.Count > 1
                    ? (lines.Take(1).Select(l => (l.Sku, l.Quantity)).ToList(), lines.Skip(1).Select(l => (l.OrderProductId, l.Quantity)).ToList())
                    : ([(lines[0].Sku, lines[0].Quantity - 1)], [(lines[0].OrderProductId, 1)]);
                feed.Add(Shipment("s1", SoakExpectation.Ship, first));
                pushed.Add(Shipment("s2", SoakExpectation.Ship, byProduct: rest));
                break;
            case SoakFulfilmentKind.FeedTwice:
                var twice = Shipment("s1", SoakExpectation.Ship, all);
                feed.Add(twice);
                feed.Add(twice);
                break;
            case SoakFulfilmentKind.FeedAndPush:
                var both = Shipment("s1", SoakExpectation.Ship, all);
                feed.Add(both);
                pushed.Add(both);
                break;
            case SoakFulfilmentKind.Pushed:
                pushed.Add(Shipment("s1", SoakExpectation.Ship, all));
                break;
            case SoakFulfilmentKind.Cancel:
                (random.Next(2) == 0 ? feed : pushed).Add(Cancellation(SoakExpectation.Cancel));
                break;
            case SoakFulfilmentKind.Race:
                var ship = Shipment("s1", SoakExpectation.Race, all);
                var cancel = Cancellation(SoakExpectation.Race);
                switch (random.Next(4))
                {
                    case 0: feed.AddRange([ship, cancel]); break;
                    case 1: feed.AddRange([cancel, ship]); break;
                    case 2: feed.Add(ship); pushed.Add(cancel); break;
                    default: pushed.Add(ship); feed.Add(cancel); break;
                }

                break;
            case SoakFulfilmentKind.OverShip:
                feed.Add(Shipment("s1", SoakExpectation.Refuse, [(lines[0].Sku, lines[0].Quantity + 1)]));
                break;
        }

        return new SoakFulfilmentOrder(store, orderId, kind, version, records, feed, pushed);
    }
}
