namespace Connector.Webhooks;

/// <summary>A list read of orders by id: every order with an id from <see cref="MinId"/> to <see cref="MaxId"/>, wanted for <see cref="Ids"/>.</summary>
public sealed record OrderIdRange(long MinId, long MaxId, IReadOnlyList<long> Ids);

/// <summary>
/// How a set of order ids is read with as few calls as possible: ids are unique integers, so a range of at most a page's
/// size (250, V2's limit) holds at most a page of orders, and one <c>GET /v2/orders?min_id=&amp;max_id=</c> brings all of
/// them. New orders' ids are consecutive, so a burst of them is one range.
/// </summary>
public static class OrderIdRanges
{
    /// <summary>The ranges covering <paramref name="ids"/> (duplicates ignored), lowest first, each spanning at most <paramref name="pageSize"/> ids.</summary>
    public static IReadOnlyList<OrderIdRange> Plan(IEnumerable<long> ids, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var ranges = new List<OrderIdRange>();
        List<long>? current = null;
        foreach (var id in ids.Distinct().Order())
        {
            if (current is null || id - current[0] >= pageSize)
            {
                if (current is not null)
                {
                    ranges.Add(new OrderIdRange(current[0], current[^1], current));
                }

                current = [];
            }

            current.Add(id);
        }

        if (current is not null)
        {
            ranges.Add(new OrderIdRange(current[0], current[^1], current));
        }

        return ranges;
    }
}
