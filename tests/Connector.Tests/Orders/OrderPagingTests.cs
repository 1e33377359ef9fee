using Connector.BigCommerce;
using Connector.Orders;

namespace Connector.Tests.Orders;

public sealed class OrderPagingTests
{
    private const int PageSize = 250;
    private static readonly DateTimeOffset T0 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(2);

    private static V2Order Order(long id, DateTimeOffset modified) =>
        new() { Id = id, DateCreated = modified, DateModified = modified, StatusId = 11 };

    private static List<V2Order> Page(int count, Func<int, DateTimeOffset> modified) =>
        Enumerable.Range(0, count).Select(i => Order(i + 1, modified(i))).ToList();

    [Fact]
    public void Start_begins_the_overlap_before_the_watermark()
    {
        var watermark = T0.AddHours(3);

        var start = OrderPaging.Start(watermark, Overlap, firstPollFrom: T0);

        Assert.Equal(new OrderPageRequest(watermark - Overlap), start);
    }

    [Fact]
    public void Start_without_a_watermark_begins_at_the_first_poll_date()
    {
        var start = OrderPaging.Start(null, Overlap, firstPollFrom: T0);

        Assert.Equal(new OrderPageRequest(T0), start);
    }

    [Fact]
    public void Next_ends_the_poll_on_a_short_page()
    {
        var current = new OrderPageRequest(T0);

        Assert.Null(OrderPaging.Next(current, Page(PageSize - 1, i => T0.AddSeconds(i)), PageSize));
        Assert.Null(OrderPaging.Next(current, [], PageSize));
    }

    [Fact]
    public void Next_after_a_full_page_starts_page_one_at_the_newest_change_seen()
    {
        // Not sorted on purpose: the newest is the latest instant, wherever it sits in the page.
        var page = Page(PageSize, i => i == 100 ? T0.AddMinutes(7) : T0.AddSeconds(i));
        var current = new OrderPageRequest(T0);

        var next = OrderPaging.Next(current, page, PageSize);

        Assert.Equal(new OrderPageRequest(T0.AddMinutes(7)), next);
    }

    [Fact]
    public void Newest_compares_instants_not_offsets()
    {
        // 11:32 at -04:00 is 15:32 UTC, later than 14:00 UTC.
        var newYork = Rfc2822Date.Parse("Thu, 20 Apr 2017 11:32:00 -0400");
        var london = Rfc2822Date.Parse("Thu, 20 Apr 2017 14:00:00 +0000");

        Assert.Equal(newYork, OrderPaging.Newest([Order(1, london), Order(2, newYork)]));
    }

    [Fact]
    public void A_full_page_within_one_second_is_followed_through_that_second_by_id_and_then_past_it()
    {
        var page = Page(PageSize, _ => T0);

        var byId = OrderPaging.Next(new OrderPageRequest(T0), page, PageSize);
        var nextIds = OrderPaging.Next(byId!.Value, page, PageSize);
        var after = OrderPaging.Next(nextIds!.Value, Page(10, _ => T0), PageSize);

        Assert.Equal(new OrderPageRequest(T0, AfterId: 0), byId);
        Assert.Equal(new OrderPageRequest(T0, AfterId: PageSize), nextIds);
        Assert.Equal(new OrderPageRequest(T0.AddSeconds(1)), after);
    }

    [Fact]
    public void A_poll_reaches_every_order_including_600_in_one_second_and_orders_modified_while_it_reads()
    {
        var api = new FakeOrdersApi();
        long id = 1;
        // 300 orders a second apart, 600 in one second (a bulk import), then 300 more; ids not in time order.
        for (var i = 0; i < 300; i++) api.Put(id++ * 7919 % 100_003, T0.AddSeconds(i));
        for (var i = 0; i < 600; i++) api.Put(id++ * 7919 % 100_003, T0.AddSeconds(400));
        for (var i = 0; i < 300; i++) api.Put(id++ * 7919 % 100_003, T0.AddSeconds(401 + (i / 3)));
        var all = api.Ids();
        var early = api.IdsModifiedAt(T0.AddSeconds(5)).Single();
        var pageBoundary = api.IdsModifiedAt(T0.AddSeconds(249)).Single();
        var readBeforeTheCrowd = api.IdsModifiedAt(T0.AddSeconds(10)).Single();
        var late = api.IdsModifiedAt(T0.AddSeconds(480)).First();
        var now = T0.AddSeconds(1000);

        var run = Poll(api, watermark: null, firstPollFrom: T0, afterRequest: request =>
        {
            switch (request)
            {
                case 1: // already read: they move to the end, where the poll has still to go
                    api.Put(early, now);
                    api.Put(pageBoundary, now.AddSeconds(1));
                    break;
                case 2: // not read yet: it moves further ahead
                    api.Put(late, now.AddSeconds(2));
                    break;
                case 3: // while the poll steps through the crowded second, an order from before it changes
                    api.Put(readBeforeTheCrowd, now.AddSeconds(3));
                    break;
            }
        });

        Assert.Empty(all.Except(run.Seen.Keys));
        Assert.Equal(now, run.Seen[early]);
        Assert.Equal(now.AddSeconds(1), run.Seen[pageBoundary]);
        Assert.Equal(now.AddSeconds(2), run.Seen[late]);
        Assert.Equal(now.AddSeconds(3), run.Seen[readBeforeTheCrowd]);
        Assert.Equal(now.AddSeconds(3), run.Newest);
        Assert.Contains(run.Requests, r => r.MinModified == T0.AddSeconds(400) && r.IsWithinOneSecond);
    }

    [Fact]
    public void A_poll_with_a_watermark_reads_changes_from_the_overlap_on()
    {
        var api = new FakeOrdersApi();
        for (var i = 0; i < 10; i++) api.Put(i + 1, T0.AddMinutes(i));
        var watermark = T0.AddMinutes(6);

        var run = Poll(api, watermark, firstPollFrom: T0, afterRequest: _ => { });

        Assert.Equal(new long[] { 5, 6, 7, 8, 9, 10 }, run.Seen.Keys.Order());
        Assert.Single(run.Requests);
    }

    [Fact]
    public void A_poll_reaches_every_order_even_when_one_of_a_crowded_second_changes_while_it_steps_through_that_second()
    {
        var api = new FakeOrdersApi();
        for (var i = 0; i < 600; i++) api.Put(i + 1, T0);                // one second, bulk imported
        var catchUpNow = T0.AddHours(1);                                  // the poll runs an hour later

        var first = Poll(api, watermark: null, firstPollFrom: T0, afterRequest: request =>
        {
            if (request == 1)
            {
                api.Put(3, catchUpNow);                                   // a customer edits order 3 mid-poll
            }
        });
        var second = Poll(api, first.Newest, firstPollFrom: T0, afterRequest: _ => { });

        var missed = api.Ids().Except(first.Seen.Keys).Except(second.Seen.Keys).ToList();
        Assert.Empty(missed);
    }

    private sealed record PollRun(Dictionary<long, DateTimeOffset> Seen, List<OrderPageRequest> Requests, DateTimeOffset? Newest);

    /// <summary>Drives Start/Next the way OrderSyncJob does, against the fake API; stops after 1,000 requests so a loop fails instead of hanging.</summary>
    private static PollRun Poll(FakeOrdersApi api, DateTimeOffset? watermark, DateTimeOffset firstPollFrom, Action<int> afterRequest)
    {
        var seen = new Dictionary<long, DateTimeOffset>();
        var requests = new List<OrderPageRequest>();
        DateTimeOffset? newest = watermark;
        var request = OrderPaging.Start(watermark, Overlap, firstPollFrom);
        while (requests.Count < 1000)
        {
            var page = api.List(request, PageSize);
            requests.Add(request);
            afterRequest(requests.Count);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var order in page)
            {
                seen[order.Id] = order.DateModified!.Value;
            }

            var pageNewest = OrderPaging.Newest(page);
            newest = newest is null || pageNewest > newest ? pageNewest : newest;
            if (OrderPaging.Next(request, page, PageSize) is not { } next)
            {
                break;
            }

            request = next;
        }

        Assert.True(requests.Count < 1000, "the poll did not end");
        return new PollRun(seen, requests, newest);
    }

    /// <summary>
    /// GET /v2/orders as BigCommerce answers it: <c>min_date_modified</c> inclusive, sorted by
    /// <c>date_modified:asc</c> (ties by id); within one second (<c>max_date_modified</c> = min),
    /// <c>min_id</c> and <c>sort=id:asc</c>.
    /// </summary>
    private sealed class FakeOrdersApi
    {
        private readonly Dictionary<long, DateTimeOffset> modified = [];

        public void Put(long id, DateTimeOffset modifiedAt) => modified[id] = modifiedAt;

        public List<long> Ids() => [.. modified.Keys];

        public List<long> IdsModifiedAt(DateTimeOffset at) => [.. modified.Where(o => o.Value == at).Select(o => o.Key)];

        public List<V2Order> List(OrderPageRequest request, int limit) =>
            request.AfterId is { } afterId
                ? [.. modified
                    .Where(o => o.Value == request.MinModified && o.Key > afterId)
                    .OrderBy(o => o.Key)
                    .Take(limit)
                    .Select(o => Order(o.Key, o.Value))]
                : [.. modified
                    .Where(o => o.Value >= request.MinModified)
                    .OrderBy(o => o.Value)
                    .ThenBy(o => o.Key)
                    .Take(limit)
                    .Select(o => Order(o.Key, o.Value))];
    }
}
