using Connector.BigCommerce;

namespace Connector.Orders;

/// <summary>
/// One request of the order poll. Normally: orders modified at or after <see cref="MinModified"/>, oldest
/// change first. Within a crowded second (<see cref="AfterId"/> set): the orders modified in the second
/// <see cref="MinModified"/> whose id is above <see cref="AfterId"/>, by id.
/// </summary>
public readonly record struct OrderPageRequest(DateTimeOffset MinModified, long? AfterId = null)
{
    public bool IsWithinOneSecond => AfterId is not null;
}

/// <summary>
/// Where an order poll starts and how it moves from page to page: keyset paging on (date_modified, id),
/// never page numbers, so an order modified while the poll reads cannot shift a boundary past one it
/// has not seen (a changed order leaves its place and reappears later, where the poll still goes).
/// V2 dates have one-second resolution; a second holding more orders than a page is read by id.
/// </summary>
public static class OrderPaging
{
    /// <summary>The first request: the watermark less the overlap, or the store's starting point on its first poll.</summary>
    public static OrderPageRequest Start(DateTimeOffset? watermark, TimeSpan overlap, DateTimeOffset firstPollFrom) =>
        new(watermark is { } mark ? mark - overlap : firstPollFrom);

    /// <summary>The request after <paramref name="page"/>, or null when the poll has read everything.</summary>
    public static OrderPageRequest? Next(OrderPageRequest current, IReadOnlyList<V2Order> page, int pageSize)
    {
        var full = page.Count >= pageSize;
        if (current.IsWithinOneSecond)
        {
            return full
                ? current with { AfterId = page.Max(o => o.Id) }
                : new OrderPageRequest(current.MinModified.AddSeconds(1)); // that second is done; go on after it
        }

        if (!full)
        {
            return null;
        }

        var newest = Newest(page);
        // A full page all in the current second: read that second by id, from its first order.
        return newest > current.MinModified
            ? new OrderPageRequest(newest)
            : new OrderPageRequest(current.MinModified, AfterId: 0);
    }

    public static DateTimeOffset Newest(IReadOnlyList<V2Order> page) => page.Max(o => o.DateModified!.Value);
}
