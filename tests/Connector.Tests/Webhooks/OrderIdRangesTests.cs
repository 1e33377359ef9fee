using Connector.Webhooks;

namespace Connector.Tests.Webhooks;

public sealed class OrderIdRangesTests
{
    [Fact]
    public void A_burst_of_new_orders_is_one_read()
    {
        var ranges = OrderIdRanges.Plan([105, 101, 103, 102, 104], pageSize: 250);

        var range = Assert.Single(ranges);
        Assert.Equal((101, 105), (range.MinId, range.MaxId));
        Assert.Equal([101, 102, 103, 104, 105], range.Ids);
    }

    [Fact]
    public void Ids_further_apart_than_a_page_are_read_apart_and_each_range_fits_a_page()
    {
        var ranges = OrderIdRanges.Plan([1, 250, 251, 600, 601, 5000], pageSize: 250);

        Assert.Equal([(1L, 250L), (251L, 251L), (600L, 601L), (5000L, 5000L)], ranges.Select(r => (r.MinId, r.MaxId)));
        Assert.All(ranges, r => Assert.True(r.MaxId - r.MinId < 250, "a range spans at most a page of ids"));
    }

    [Fact]
    public void Repeated_ids_are_read_once_and_nothing_asks_for_no_read()
    {
        Assert.Equal([7L, 9L], Assert.Single(OrderIdRanges.Plan([9, 7, 9, 7], pageSize: 250)).Ids);
        Assert.Empty(OrderIdRanges.Plan([], pageSize: 250));
    }
}
