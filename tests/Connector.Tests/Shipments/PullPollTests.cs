using Connector.BigCommerce;
using Connector.Shipments;

namespace Connector.Tests.Shipments;

public sealed class PullPollTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static V2Order Order(int shipped) => new() { Id = 1, ItemsShipped = shipped };

    private static SettledShipments Settled(int units, params long[] ids) => new(new HashSet<long>(ids), units);

    [Fact]
    public void A_first_run_looks_back_to_the_connection_but_at_most_a_day()
    {
        Assert.Equal(Now.AddHours(-3), PullPoll.FirstFrom(Now.AddHours(-3), Now));
        Assert.Equal(Now.AddDays(-1), PullPoll.FirstFrom(Now.AddDays(-30), Now));
    }

    [Fact]
    public void An_order_with_nothing_shipped_needs_no_look()
    {
        Assert.False(PullPoll.HasShipped(Order(0)));
        Assert.True(PullPoll.HasShipped(Order(1)));
    }

    [Theory]
    [InlineData(3, 0, true)]  // shipped, nothing settled: its webhook was lost or is on its way
    [InlineData(5, 3, true)]  // a second parcel since
    [InlineData(3, 3, false)] // every unit shipped is in a settled shipment: no call
    [InlineData(1, 3, false)] // a shipment was deleted since: nothing new
    public void An_orders_shipments_are_read_only_when_more_units_are_shipped_than_settled(int shipped, int settled, bool read)
    {
        Assert.Equal(read, PullPoll.MayHaveNewShipments(Order(shipped), Settled(settled)));
    }

    [Fact]
    public void Only_shipments_not_settled_are_queued_oldest_first()
    {
        V2Shipment[] onOrder = [new() { Id = 9 }, new() { Id = 4 }, new() { Id = 7 }];

        Assert.Equal([4L, 9], PullPoll.Unsettled(onOrder, Settled(2, 7)).Select(s => s.Id));
    }
}
