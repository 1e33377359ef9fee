using Connector.BigCommerce;
using Connector.Orders;

namespace Connector.Tests.Orders;

public sealed class OrderFilterTests
{
    private static readonly DateTimeOffset ConnectedAt = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static V2Order Order(long id = 218, int statusId = 11, string status = "Awaiting Fulfillment", DateTimeOffset? created = null) =>
        new()
        {
            Id = id,
            StatusId = statusId,
            Status = status,
            DateCreated = created ?? ConnectedAt.AddHours(1),
            DateModified = (created ?? ConnectedAt.AddHours(1)).AddMinutes(5),
        };

    private static string? Reason(V2Order order, OrderSettings? settings = null, bool inBackOffice = false) =>
        OrderFilter.ExclusionReason(order, settings ?? new OrderSettings(), ConnectedAt, inBackOffice);

    [Theory]
    [InlineData(11)]
    [InlineData(9)]
    [InlineData(8)]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(10)]
    public void A_new_paid_order_goes_to_the_back_office(int statusId)
    {
        Assert.Null(Reason(Order(statusId: statusId)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(12)]
    public void A_new_order_in_another_status_is_left_out_with_its_status_named(int statusId)
    {
        var reason = Reason(Order(statusId: statusId));

        Assert.NotNull(reason);
        Assert.Contains($"status {statusId}", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Statuses_are_matched_by_id_never_by_label()
    {
        var settings = new OrderSettings { StatusIds = [11] };

        Assert.Null(Reason(Order(statusId: 11, status: "Ready for the warehouse (renamed)"), settings));
        Assert.NotNull(Reason(Order(statusId: 7, status: "Awaiting Fulfillment"), settings));
    }

    [Fact]
    public void The_store_chooses_which_statuses_are_pulled()
    {
        var settings = new OrderSettings { StatusIds = [7] };

        Assert.Null(Reason(Order(statusId: 7), settings));
        Assert.NotNull(Reason(Order(statusId: 11), settings));
    }

    [Fact]
    public void An_incomplete_order_is_left_out_by_default()
    {
        var reason = Reason(Order(statusId: OrderSettings.IncompleteStatus, status: "Incomplete"));

        Assert.Equal("incomplete order", reason);
    }

    [Fact]
    public void An_incomplete_order_goes_when_the_store_asks_for_them_even_if_0_is_not_among_its_statuses()
    {
        var settings = new OrderSettings { IncludeIncomplete = true };

        Assert.DoesNotContain(OrderSettings.IncompleteStatus, settings.StatusIds);
        Assert.Null(Reason(Order(statusId: OrderSettings.IncompleteStatus, status: "Incomplete"), settings));
    }

    [Fact]
    public void An_order_created_before_the_exclude_created_before_date_is_left_out()
    {
        var cutoff = new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var settings = new OrderSettings { ExcludeCreatedBefore = cutoff };

        Assert.NotNull(Reason(Order(created: cutoff.AddSeconds(-1)), settings));
        Assert.Null(Reason(Order(created: cutoff), settings));
        Assert.Null(Reason(Order(created: cutoff.AddSeconds(1)), settings));
    }

    [Fact]
    public void An_explicit_exclude_created_before_date_earlier_than_the_connection_lets_older_orders_in()
    {
        var settings = new OrderSettings { ExcludeCreatedBefore = ConnectedAt.AddDays(-30) };

        Assert.Null(Reason(Order(created: ConnectedAt.AddDays(-10)), settings));
    }

    [Fact]
    public void An_order_created_in_the_same_second_the_store_was_connected_is_pulled()
    {
        // V2 dates have whole seconds; the connection time has fractions.
        var connectedAt = new DateTimeOffset(2026, 11, 23, 15, 0, 7, TimeSpan.Zero).AddMilliseconds(640);
        var order = new V2Order { Id = 5, StatusId = 11, DateCreated = new DateTimeOffset(2026, 11, 23, 15, 0, 7, TimeSpan.Zero), DateModified = connectedAt };

        Assert.Null(OrderFilter.ExclusionReason(order, new OrderSettings(), connectedAt, alreadyInBackOffice: false));
    }

    [Fact]
    public void Without_a_date_orders_created_before_the_store_was_connected_are_left_out()
    {
        Assert.NotNull(Reason(Order(created: ConnectedAt.AddSeconds(-1))));
        Assert.Null(Reason(Order(created: ConnectedAt.AddSeconds(1))));
    }

    [Fact]
    public void Creation_dates_are_compared_as_instants()
    {
        // 11:32 at -04:00 is 15:32 UTC: after a 15:00 UTC cutoff although "11:32" reads earlier.
        var settings = new OrderSettings { ExcludeCreatedBefore = new DateTimeOffset(2017, 4, 20, 15, 0, 0, TimeSpan.Zero) };
        var order = Order(created: Rfc2822Date.Parse("Thu, 20 Apr 2017 11:32:00 -0400"));

        Assert.Null(Reason(order, settings));
    }

    [Fact]
    public void Only_order_ids_lets_just_those_orders_through()
    {
        var settings = new OrderSettings { OnlyOrderIds = [218] };

        Assert.Null(Reason(Order(id: 218), settings));
        Assert.Equal("not among the only-order-ids setting", Reason(Order(id: 219), settings));
    }

    [Fact]
    public void Every_change_to_an_order_already_in_the_back_office_follows_whatever_its_status_or_age()
    {
        var cancelledOldOrder = Order(statusId: 5, status: "Cancelled", created: ConnectedAt.AddDays(-3));
        var nowIncomplete = Order(statusId: OrderSettings.IncompleteStatus, status: "Incomplete");

        Assert.NotNull(Reason(cancelledOldOrder));
        Assert.Null(Reason(cancelledOldOrder, inBackOffice: true));
        Assert.Null(Reason(nowIncomplete, inBackOffice: true));
    }

    [Fact]
    public void Only_order_ids_holds_even_for_an_order_already_in_the_back_office()
    {
        var settings = new OrderSettings { OnlyOrderIds = [218] };

        Assert.NotNull(Reason(Order(id: 219), settings, inBackOffice: true));
    }
}
