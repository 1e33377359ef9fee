using Connector.Catalog;
using Connector.CatalogPush;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;
using static Connector.EndToEndTests.CatalogPush.CatalogPushSetup;

namespace Connector.EndToEndTests.CatalogPush;

/// <summary>
/// The push's guarantees: newest wins per field whatever order the feed lists changes in; its own writes do not come back
/// to the back office through the pull (no echo); one bad item in a batch costs only itself (bisection); a page that does
/// not verify is recorded and read again; 429s and 5xx are retried through the queue.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogPushGuaranteeTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = CatalogPushSetup.Settle;

    [Fact]
    public async Task An_older_change_listed_after_a_newer_one_never_overwrites_it()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["ORDER-1"]);
        await system.PushOnAsync();
        // Newest first, then older ones: on the same page, and on a later run.
        await system.FeedAsync(Change("ORDER-1", 10, ("price", 20m)), Change("ORDER-1", 5, ("price", 10m), ("name", "Older name, newest for its field")));
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => (await system.ProductAsync(ids[0]))["name"]!.GetValue<string>() == "Older name, newest for its field",
            "the older change's other field written", Settle);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("ORDER-1") == CatalogPushStatus.Written, "settled", Settle);
        Assert.Equal(20m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());

        await system.FeedAsync(Change("ORDER-1", 7, ("price", 15m)));
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => (await system.Service<Connector.Orders.SyncCursors>().FindAsync(system.StoreHash, CatalogPushJob.Flow, CancellationToken.None))?.LastResult?.Contains("1 changes queued", StringComparison.Ordinal) == true,
            "the second run read the older change", Settle);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(20m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Equal(T0.AddMinutes(10), (await system.PushEntryAsync("ORDER-1"))!.ClaimMap()["price"].ChangedAt);
    }

    [Fact]
    public async Task The_connectors_own_write_does_not_come_back_to_the_back_office()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions { Webhooks = true });
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 2, variants: 2);
        await system.ChangeCatalogSettingsAsync(s => s with { PullEnabled = true, PushEnabled = true });
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.WebhooksAsync(system.StoreHash))
            .Any(h => h!["scope"]!.GetValue<string>() == "store/sku/updated"), "product webhooks subscribed", Settle);
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 2, "the catalog imported", Settle);

        await system.FeedAsync(Change($"P-{ids[0]}", 1, ("name", "Named by the back office")), Change($"P-{ids[1]}-S", 1, ("price", 44m)));
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync($"P-{ids[0]}") == CatalogPushStatus.Written
            && await system.PushStatusAsync($"P-{ids[1]}-S") == CatalogPushStatus.Written, "both written", Settle);
        // Their webhooks fired; and the poll, the safety net, sees both products changed too.
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[1], CancellationToken.None))?.OwnWriteVersion is not null,
            "the variant write's version recorded", Settle);
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => (await system.Service<Connector.Orders.SyncCursors>().FindAsync(system.StoreHash, CatalogPollOptions.Flow, CancellationToken.None))?.RunningBy is null,
            "the poll done", Settle);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.Equal(1, Deliveries(received, ids[0]));
        Assert.Equal(1, Deliveries(received, ids[1]));
        Assert.NotEqual("Named by the back office", LastName(received, ids[0]));

        // A merchant's change in BigCommerce still goes to the back office.
        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "Renamed by the merchant");
        await Eventually.TrueAsync(async () => LastName(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]) == "Renamed by the merchant",
            "the merchant's change delivered", Settle);
        Assert.Empty(await system.PoisonMessagesAsync("products"));
    }

    [Fact]
    public async Task A_write_whose_worker_died_after_BigCommerce_applied_it_does_not_come_back_when_the_change_is_written_again()
    {
        // Soak finding: a LocalHost killed just after BigCommerce applied its batch never recorded the versions it made. The
        // retry's write ended and lifted the wait, and the poll's messages carrying the killed write's versions went to the
        // back office: four echoes.
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["KILLED-1"]);
        await system.ChangeCatalogSettingsAsync(s => s with { PullEnabled = true, PushEnabled = true });
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 1, "the catalog imported", Settle);

        // The dead worker's part: it began the write, BigCommerce applied it, and nothing more was recorded.
        var none = CancellationToken.None;
        await system.Service<IOwnCatalogWrites>().BeginAsync(system.StoreHash, [ids[0]], none);
        var applied = await system.Service<Connector.BigCommerce.BigCommerceCatalogWriteClient>().UpdateProductsAsync(
            system.StoreHash, [new Connector.BigCommerce.V3ProductWrite { Id = ids[0], Price = 21m }], none);
        var killedVersion = Assert.IsType<Connector.BigCommerce.CatalogWriteResult.Applied>(applied).Products.Single().DateModified!.Value;
        // The poll lists that version, carried in its message, which waits while the write may still be under way.
        await system.RunCatalogPollAsync();

        // The queue hands the change to another worker, which writes it again.
        await system.FeedAsync(Change("KILLED-1", 1, ("price", 21m)));
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("KILLED-1") == CatalogPushStatus.Written, "the change written again", Settle);
        var products = system.Service<Connector.Storage.ConnectorStorage>().Queue(Connector.Hosting.QueueNames.Products);
        await Eventually.TrueAsync(async () => (await products.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the poll's message worked off", Settle);

        Assert.Equal(1, Deliveries(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]));
        Assert.True((await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[0], none))!.IsOwnWrite(killedVersion));
        Assert.Empty(await system.PoisonMessagesAsync("products"));

        // A merchant's change in BigCommerce still goes to the back office.
        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "Renamed by the merchant");
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => LastName(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]) == "Renamed by the merchant",
            "the merchant's change delivered", Settle);
    }

    [Fact]
    public async Task Two_copies_of_one_change_handled_at_once_write_it_once()
    {
        // Soak finding: while storage restarted, catalog-push messages' leases lapsed and another instance took them while
        // the first was still writing; both claimed the same change and both wrote it. A feed listing one record twice
        // makes the same two copies at once.
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["TWICE-1"]);
        await system.PushOnAsync();
        await system.FeedAsync(Change("TWICE-1", 1, ("price", 33m)), Change("TWICE-1", 1, ("price", 33m)));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("TWICE-1") == CatalogPushStatus.Written, "written", Settle);
        // The copy that waited comes back from the queue and finds the change written.
        await Eventually.TrueAsync(async () => (await system.PushEntryAsync("TWICE-1"))!.Writing is null, "no handling left writing", Settle);
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(33m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Equal(1, await system.RequestsAsync("PUT /v3/catalog/products"));
        Assert.Empty(await system.PoisonMessagesAsync("catalog-push"));
    }

    [Fact]
    public async Task A_write_BigCommerce_refused_does_not_hold_back_the_merchants_next_change()
    {
        // A refused write makes no version, so nothing of it can come back: the product is not left marked as being written
        // (the mark for writes whose outcome is unknown lasts until the write's retry, up to 12 minutes).
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["REFUSED-1", "REFUSED-2"]);
        await system.ChangeCatalogSettingsAsync(s => s with { PullEnabled = true, PushEnabled = true });
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 2, "the catalog imported", Settle);

        // REFUSED-1 takes REFUSED-2's name: BigCommerce refuses it (409, names are unique).
        var taken = (await system.ProductAsync(ids[1]))["name"]!.GetValue<string>();
        await system.FeedAsync(Change("REFUSED-1", 1, ("name", taken)));
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("REFUSED-1") == CatalogPushStatus.Refused, "the write refused", Settle);
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[0], CancellationToken.None))?.OwnWriteUnderway(DateTimeOffset.UtcNow) == false,
            "the write's end recorded", TimeSpan.FromSeconds(10));

        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "Renamed by the merchant");
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => LastName(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]) == "Renamed by the merchant",
            "the merchant's change delivered at once", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_batch_refused_for_one_product_is_split_until_only_that_one_is_refused()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var skus = Enumerable.Range(1, 8).Select(i => $"BATCH-{i}").ToList();
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, skus);
        await system.PushOnAsync();
        // BATCH-5 takes BATCH-1's name: BigCommerce refuses the whole PUT (409, names are unique).
        var taken = (await system.ProductAsync(ids[0]))["name"]!.GetValue<string>();
        await system.FeedAsync([.. skus.Select((sku, i) => i == 4 ? Change(sku, 1, ("name", taken)) : Change(sku, 1, ("price", 50m + i)))]);

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("BATCH-5") == CatalogPushStatus.Refused, "the bad one refused", Settle);
        await Eventually.TrueAsync(async () => (await Task.WhenAll(skus.Where(s => s != "BATCH-5").Select(system.PushStatusAsync))).All(s => s == CatalogPushStatus.Written),
            "the others written", Settle);
        Assert.Contains("409", (await system.PushEntryAsync("BATCH-5"))!.LastError, StringComparison.Ordinal);
        Assert.Equal(57m, (await system.ProductAsync(ids[7]))["price"]!.GetValue<decimal>());
        Assert.Empty(await system.PoisonMessagesAsync("catalog-push"));
    }

    [Fact]
    public async Task A_page_that_does_not_verify_is_recorded_and_read_again_at_the_next_run()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var skus = Enumerable.Range(1, 150).Select(i => $"PAGE-{i:D3}").ToList();
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, skus);
        await system.PushOnAsync();
        await system.FeedAsync([.. skus.Select(s => Change(s, 1, ("price", 3m)))]);
        await system.Admin.CorruptCatalogFeedAsync("bad-signature", page: 2, remaining: 1);

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync(CatalogPushLedger.FeedRowSku) == CatalogPushStatus.Refused, "the bad page recorded", Settle);
        Assert.Contains("did not verify", (await system.PushEntryAsync(CatalogPushLedger.FeedRowSku))!.LastError, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("PAGE-100") == CatalogPushStatus.Written, "the first page written", Settle);
        Assert.Null(await system.PushEntryAsync("PAGE-101"));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("PAGE-150") == CatalogPushStatus.Written, "the second page written at the next run", Settle);
        Assert.Equal(CatalogPushStatus.Written, await system.PushStatusAsync(CatalogPushLedger.FeedRowSku));
        Assert.Equal(3m, (await system.ProductAsync(ids[149]))["price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_page_larger_than_the_connector_reads_is_refused_unread_and_the_feed_goes_on_once_it_is_smaller()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "1", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
        });
        var skus = Enumerable.Range(1, 150).Select(i => $"HUGE-{i:D3}").ToList();
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, skus);
        await system.PushOnAsync();
        await system.FeedAsync([.. skus.Select(s => Change(s, 1, ("price", 4m)))]);
        await system.Admin.CorruptCatalogFeedAsync("huge-page", page: 2);

        await system.RunCatalogPushAsync();
        var cursors = system.Service<Connector.Orders.SyncCursors>();
        await Eventually.TrueAsync(async () => (await cursors.FindAsync(system.StoreHash, CatalogPushJob.Flow, CancellationToken.None))?.LastResult?
            .Contains("larger than 16,777,216 bytes: not read", StringComparison.Ordinal) == true, "the page refused with its reason", Settle);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("HUGE-100") == CatalogPushStatus.Written, "the first page written", Settle);
        Assert.Null(await system.PushEntryAsync("HUGE-101"));

        await system.Admin.ClearCatalogFeedCorruptionAsync();
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("HUGE-150") == CatalogPushStatus.Written, "the second page written once it is smaller", Settle);
        Assert.Equal(4m, (await system.ProductAsync(ids[149]))["price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Rate_limits_and_server_errors_are_retried_through_the_queue()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "4", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
        });
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["RETRY-1", "RETRY-2"]);
        await system.PushOnAsync();
        await system.Admin.SetFaultsAsync("bigcommerce", new { errorRate = 0.5, tooManyRequestsRate = 0.5, retryAfterMs = 50 });
        await system.FeedAsync(Change("RETRY-1", 1, ("price", 61m)), Change("RETRY-2", 1, ("price", 62m)));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("RETRY-1") == CatalogPushStatus.Failing, "failing while BigCommerce errs", Settle);
        await system.Admin.ClearFaultsAsync("bigcommerce");

        await Eventually.TrueAsync(async () => await system.PushStatusAsync("RETRY-1") == CatalogPushStatus.Written && await system.PushStatusAsync("RETRY-2") == CatalogPushStatus.Written,
            "written once BigCommerce is back", Settle);
        Assert.Equal(61m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Empty(await system.PoisonMessagesAsync("catalog-push"));
        var (attention, _) = await system.Service<CatalogPushLedger>().NeedingAttentionAsync(system.StoreHash, 10, CancellationToken.None);
        Assert.Empty(attention);
    }
}
