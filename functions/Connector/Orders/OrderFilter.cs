using Connector.BigCommerce;

namespace Connector.Orders;

/// <summary>Whether an order goes to the back office under a store's settings; the reason when it does not.</summary>
public static class OrderFilter
{
    public static string? ExclusionReason(V2Order order, OrderSettings settings, DateTimeOffset connectedAt, bool alreadyInBackOffice)
    {
        if (settings.OnlyOrderIds.Count > 0 && !settings.OnlyOrderIds.Contains(order.Id))
        {
            return "not among the only-order-ids setting";
        }

        if (alreadyInBackOffice)
        {
            // The back office must hear of every change to an order it has, whatever the status now.
            return null;
        }

        if (order.StatusId == OrderSettings.IncompleteStatus && !settings.IncludeIncomplete)
        {
            return "incomplete order";
        }

        if (order.StatusId != OrderSettings.IncompleteStatus && !settings.StatusIds.Contains(order.StatusId ?? -1))
        {
            return $"status {order.StatusId} is not among the statuses to pull";
        }

        // V2 dates have whole seconds: an order created in the same second as the floor is on or after it.
        var createdFloor = WholeSecond(settings.ExcludeCreatedBefore ?? connectedAt);
        if (order.DateCreated < createdFloor)
        {
            return "created before the exclude-created-before date";
        }

        return null;
    }

    private static DateTimeOffset WholeSecond(DateTimeOffset value) => value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));
}
