using Connector.BigCommerce;

namespace Connector.Shipments;

/// <summary>
/// The shipments poll's decisions about BigCommerce's shipments, pure so that each is unit-tested. A shipment changes
/// its order's <c>date_modified</c> and <c>items_shipped</c>, so the poll lists the orders modified since its watermark
/// (the list it gets anyway carries <c>items_shipped</c>) and reads the shipments only of an order that shows more units
/// shipped than its settled shipments hold: an order whose shipments all arrived by webhook costs no call of its own.
/// </summary>
public static class PullPoll
{
    /// <summary>How far behind its watermark each run starts: BigCommerce's dates have whole seconds, and clocks differ.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    /// <summary>A store's first run looks back to its connection, but never more than this: not years of old parcels.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    public static DateTimeOffset FirstFrom(DateTimeOffset connectedAt, DateTimeOffset now) =>
        connectedAt > now - FirstLookBack ? connectedAt : now - FirstLookBack;

    /// <summary>Whether the order may hold a shipment not settled yet (a deleted shipment can leave fewer units: nothing new then).</summary>
    public static bool MayHaveNewShipments(V2Order order, SettledShipments settled) => order.ItemsShipped > settled.Units;

    /// <summary>Cheap first test, before any table read: an order with nothing shipped has no shipment.</summary>
    public static bool HasShipped(V2Order order) => order.ItemsShipped > 0;

    /// <summary>The order's shipments still to be settled, oldest first.</summary>
    public static IReadOnlyList<V2Shipment> Unsettled(IReadOnlyList<V2Shipment> onOrder, SettledShipments settled) =>
        onOrder.Where(s => !settled.Ids.Contains(s.Id)).OrderBy(s => s.Id).ToList();
}
