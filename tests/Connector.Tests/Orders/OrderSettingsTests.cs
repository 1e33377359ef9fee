using Connector.Orders;

namespace Connector.Tests.Orders;

public sealed class OrderSettingsTests
{
    [Fact]
    public void By_default_pulls_paid_orders_on_their_way_to_the_customer()
    {
        var settings = new OrderSettings();

        // 11 Awaiting Fulfillment, 9 Awaiting Shipment, 8 Awaiting Pickup, 3 Partially Shipped, 2 Shipped, 10 Completed.
        Assert.Equal(new[] { 2, 3, 8, 9, 10, 11 }, settings.StatusIds.Order());
    }

    [Theory]
    [InlineData(0)]  // Incomplete
    [InlineData(1)]  // Pending
    [InlineData(4)]  // Refunded
    [InlineData(5)]  // Cancelled
    [InlineData(6)]  // Declined
    [InlineData(7)]  // Awaiting Payment
    [InlineData(12)] // Manual Verification Required
    [InlineData(13)] // Disputed
    public void By_default_does_not_pull_unpaid_or_refused_orders(int statusId)
    {
        Assert.DoesNotContain(statusId, new OrderSettings().StatusIds);
    }

    [Fact]
    public void By_default_is_on_leaves_incomplete_orders_out_and_filters_nothing_else()
    {
        var settings = new OrderSettings();

        Assert.True(settings.Enabled);
        Assert.False(settings.IncludeIncomplete);
        Assert.Null(settings.ExcludeCreatedBefore);
        Assert.Empty(settings.OnlyOrderIds);
        Assert.Null(settings.ResyncFrom);
    }

    [Fact]
    public void By_default_writes_no_status_back()
    {
        var settings = new OrderSettings();

        Assert.Null(settings.WriteBackStatusId);
        Assert.Equal(new[] { 11 }, settings.WriteBackFromStatusIds);
    }
}
