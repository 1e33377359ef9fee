using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Connector.BigCommerce;
using Connector.Inventory;
using Connector.Stores;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Connector.Tests.Inventory;

/// <summary>The group commit of absolute adjustments, over the real inventory client and a stand-in for BigCommerce's answers.</summary>
public sealed class AdjustmentBatcherTests
{
    private const string Store = "abc123";

    /// <summary>Answers like BigCommerce: the whole request refused (422) if any item is unknown or tracked by product.</summary>
    private sealed class FakeInventoryApi
    {
        public HashSet<string> Unknown { get; } = new(StringComparer.Ordinal);
        public HashSet<string> TrackedByProduct { get; } = new(StringComparer.Ordinal);
        public HttpStatusCode? FailWith { get; set; }
        public TimeSpan Latency { get; set; }
        /// <summary>While set and not completed, every request waits for it before answering.</summary>
        public TaskCompletionSource? Hold { get; set; }
        public ConcurrentQueue<IReadOnlyList<string>> Requests { get; } = new();
        public ConcurrentDictionary<string, int> InFlight { get; } = new(StringComparer.Ordinal);
        public ConcurrentQueue<string> Overlaps { get; } = new();

        public StubHttpHandler Handler => new(async (request, _, cancellationToken) =>
        {
            using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var items = body.RootElement.GetProperty("items").EnumerateArray()
                .Select(i => i.TryGetProperty("sku", out var sku) ? sku.GetString()! : "product:" + i.GetProperty("product_id").GetInt64())
                .ToList();
            Requests.Enqueue(items);
            foreach (var item in items.Distinct())
            {
                if (InFlight.AddOrUpdate(item, 1, (_, n) => n + 1) > 1)
                {
                    Overlaps.Enqueue(item);
                }
            }

            try
            {
                await Task.Delay(Latency, cancellationToken);
                if (Hold is { } hold)
                {
                    await hold.Task.WaitAsync(cancellationToken);
                }

                if (FailWith is { } status)
                {
                    return StubHttpHandler.Json(status, """{"status":500,"title":"Internal error"}""");
                }

                var refused = items.Where(Unknown.Contains).Select(s => $"Item with sku {s} does not exist")
                    .Concat(items.Where(TrackedByProduct.Contains).Select(s => $"Item with sku {s} is tracked by product, please update stock by product id"))
                    .ToList();
                return refused.Count == 0
                    ? StubHttpHandler.Json(HttpStatusCode.OK, """{"transaction_id":"t"}""")
                    : StubHttpHandler.Json(HttpStatusCode.UnprocessableEntity,
                        JsonSerializer.Serialize(new { status = 422, title = "[" + string.Join(", ", refused) + "]", type = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes", errors = new { } }),
                        "application/problem+json");
            }
            finally
            {
                foreach (var item in items.Distinct())
                {
                    InFlight.AddOrUpdate(item, 0, (_, n) => n - 1);
                }
            }
        });
    }

    private static AdjustmentBatcher Batcher(FakeInventoryApi api, bool batch = true, int maxItems = 2000)
    {
        var tokens = new Mock<IStoreTokenProvider>();
        tokens.Setup(t => t.GetAccessTokenAsync(Store, It.IsAny<CancellationToken>())).ReturnsAsync("tok");
        var client = new BigCommerceInventoryClient(new HttpClient(api.Handler), tokens.Object,
            Options.Create(new BigCommerceOptions { ApiBaseUrl = new Uri("http://bc.test") }));
        var options = Options.Create(new InventoryWriteOptions { BatchWrites = batch, MaxBatchItems = maxItems, Linger = TimeSpan.FromMilliseconds(100) });
        return new AdjustmentBatcher(() => client, options, TimeProvider.System, NullLogger<AdjustmentBatcher>.Instance);
    }

    private static SkuAdjustment Sku(string sku, int quantity = 5, long? productId = null) => new(sku, productId, new Dictionary<long, int> { [1] = quantity });

    private static Task<AdjustmentResult[]> WriteAllAsync(AdjustmentBatcher batcher, IEnumerable<SkuAdjustment> skus) =>
        Task.WhenAll(skus.Select(s => batcher.WriteAsync(Store, s, CancellationToken.None)));

    [Fact]
    public async Task Skus_written_at_the_same_moment_share_one_request_and_each_gets_its_outcome()
    {
        var api = new FakeInventoryApi();

        var results = await WriteAllAsync(Batcher(api), Enumerable.Range(1, 16).Select(i => Sku($"A-{i}")));

        Assert.All(results, r => Assert.Equal(AdjustmentOutcome.Applied, r.Outcome));
        Assert.Equal(16, Assert.Single(api.Requests).Count);
    }

    [Fact]
    public async Task A_batch_never_holds_more_items_than_allowed()
    {
        var api = new FakeInventoryApi();

        var results = await WriteAllAsync(Batcher(api, maxItems: 4), Enumerable.Range(1, 10).Select(i => Sku($"A-{i}")));

        Assert.All(results, r => Assert.Equal(AdjustmentOutcome.Applied, r.Outcome));
        Assert.Equal([4, 4, 2], api.Requests.Select(r => r.Count).OrderDescending().ToArray());
        Assert.Equal(10, api.Requests.SelectMany(r => r).Distinct().Count());
    }

    [Fact]
    public async Task A_refused_batch_is_halved_until_the_bad_sku_stands_alone_and_only_it_fails()
    {
        var api = new FakeInventoryApi { Unknown = { "A-6" } };

        var results = await WriteAllAsync(Batcher(api), Enumerable.Range(1, 8).Select(i => Sku($"A-{i}")));

        Assert.Equal(AdjustmentOutcome.UnknownSku, results[5].Outcome);
        Assert.Contains("A-6 does not exist", results[5].Reason);
        Assert.All(results.Where((_, i) => i != 5), r => Assert.Equal(AdjustmentOutcome.Applied, r.Outcome));
        // 8 refused → 4 + 4 (one refused) → 2 + 2 (one refused) → 1 + 1: 7 requests for one bad SKU among 8.
        Assert.Equal(7, api.Requests.Count);
        Assert.Contains(api.Requests, r => r.SequenceEqual(["A-6"]));
    }

    [Fact]
    public async Task A_product_tracked_sku_alone_is_told_to_go_by_product_id_and_the_others_land()
    {
        var api = new FakeInventoryApi { TrackedByProduct = { "POSTER" } };

        var results = await WriteAllAsync(Batcher(api), [Sku("A-1"), Sku("POSTER"), Sku("A-2")]);

        Assert.Equal([AdjustmentOutcome.Applied, AdjustmentOutcome.TrackedByProduct, AdjustmentOutcome.Applied], results.Select(r => r.Outcome).ToArray());
    }

    [Fact]
    public async Task A_failure_of_the_request_itself_fails_every_sku_in_it_for_the_queue_to_retry()
    {
        var api = new FakeInventoryApi { FailWith = HttpStatusCode.InternalServerError };
        var batcher = Batcher(api);

        var writes = Enumerable.Range(1, 5).Select(i => batcher.WriteAsync(Store, Sku($"A-{i}"), CancellationToken.None)).ToList();

        foreach (var write in writes)
        {
            var ex = await Assert.ThrowsAsync<BigCommerceApiException>(() => write);
            Assert.True(ex.IsTransient);
        }

        Assert.Single(api.Requests); // no splitting: halves would fail the same way
    }

    [Fact]
    public async Task The_same_sku_is_never_twice_in_one_request_nor_in_two_requests_at_once()
    {
        var api = new FakeInventoryApi { Latency = TimeSpan.FromMilliseconds(100) };
        var batcher = Batcher(api);

        var results = await WriteAllAsync(batcher, [Sku("A-1", 1), Sku("B-1"), Sku("A-1", 2), Sku("a-1", 3), Sku("C-1")]);

        Assert.All(results, r => Assert.Equal(AdjustmentOutcome.Applied, r.Outcome));
        Assert.All(api.Requests, r => Assert.Equal(r.Count, r.Distinct(StringComparer.OrdinalIgnoreCase).Count()));
        Assert.Equal(3, api.Requests.Count);
        Assert.Empty(api.Overlaps);
    }

    [Fact]
    public async Task Skus_arriving_while_the_stores_request_is_under_way_wait_and_share_the_next_one()
    {
        var api = new FakeInventoryApi { Hold = new TaskCompletionSource() };
        var batcher = Batcher(api);

        var first = batcher.WriteAsync(Store, Sku("A-0"), CancellationToken.None);
        for (var waited = 0; api.Requests.IsEmpty && waited < 200; waited++)
        {
            await Task.Delay(50); // until A-0's request is under way
        }

        var later = new List<Task<AdjustmentResult>> { batcher.WriteAsync(Store, Sku("A-1"), CancellationToken.None), batcher.WriteAsync(Store, Sku("A-2"), CancellationToken.None) };
        await Task.Delay(300); // well past the linger: would have gone, but A-0's request is not answered
        later.AddRange(Enumerable.Range(3, 3).Select(i => batcher.WriteAsync(Store, Sku($"A-{i}"), CancellationToken.None)));
        Assert.Single(api.Requests);

        api.Hold.SetResult();
        await first;
        await Task.WhenAll(later);
        Assert.Equal([1, 5], api.Requests.Select(r => r.Count).ToArray());
    }

    [Fact]
    public async Task A_sku_by_product_id_and_others_by_sku_share_a_request()
    {
        var api = new FakeInventoryApi();

        await WriteAllAsync(Batcher(api), [Sku("A-1"), Sku("POSTER", productId: 77)]);

        Assert.Equal(["A-1", "product:77"], Assert.Single(api.Requests).Order().ToArray());
    }

    [Fact]
    public async Task With_batching_off_each_sku_is_its_own_request()
    {
        var api = new FakeInventoryApi();

        var results = await WriteAllAsync(Batcher(api, batch: false), Enumerable.Range(1, 6).Select(i => Sku($"A-{i}")));

        Assert.All(results, r => Assert.Equal(AdjustmentOutcome.Applied, r.Outcome));
        Assert.Equal(6, api.Requests.Count);
        Assert.All(api.Requests, r => Assert.Single(r));
    }
}
