using Connector.Catalog;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;

namespace Connector.EndToEndTests.Catalog;

/// <summary>
/// The safety net behind the deletion webhook: a product deleted while BigCommerce's webhooks were not coming reaches the
/// back office as a deletion through the deletion check, a page of ids at a time and over several runs for a catalog larger
/// than one run reads, and no product still in BigCommerce is deleted.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogDeletionCheckTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_deletion_whose_webhook_never_came_reaches_the_back_office_through_the_deletion_check()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Webhooks = true,
            Settings = new Dictionary<string, string>
            {
                // Pages of 2 ids and 3 pages a run: the 7 products take 4 pages, so the check goes on in a second run.
                ["CatalogPoll:PageSize"] = "2",
                ["CatalogPoll:DeletionCheckPagesPerRun"] = "3",
                ["CatalogPoll:DeletionCheckInterval"] = "00:00:00",
            },
        });
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 7);
        await system.SetCatalogPullAsync(true);
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 7, "the catalog imported", Settle);
        // Due at once here: the first check follows the import, and finds nothing gone.
        var first = await CheckedAsync(system, after: null);
        Assert.Equal((7, 0), (first.LastChecked, first.LastGone));

        await system.Admin.SetWebhookSettingsAsync(enabled: false);
        await system.Admin.DeleteProductAsync(system.StoreHash, ids[1]);
        await system.Admin.DeleteProductAsync(system.StoreHash, ids[6]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(Deleted(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[1]), "no webhook, so no deletion yet");

        await system.RunCatalogPollAsync();

        var second = await CheckedAsync(system, after: first.CompletedAt);
        Assert.Equal((7, 2), (second.LastChecked, second.LastGone));
        await Eventually.TrueAsync(async () =>
        {
            var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
            return Deleted(received, ids[1]) && Deleted(received, ids[6]);
        }, "both deletions delivered", Settle);
        var delivered = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        foreach (var kept in ids.Except([ids[1], ids[6]]))
        {
            Assert.False(Deleted(delivered, kept), $"product {kept} is still in BigCommerce and must not be deleted");
        }

        // The back office has it before the ledger records its answer.
        var ledger = system.Service<ProductLedger>();
        await Eventually.TrueAsync(async () => (await ledger.FindAsync(system.StoreHash, ids[6], CancellationToken.None))?.Status == ProductLedgerStatus.Deleted,
            "the deletion on the ledger", Settle);
        Assert.Equal($"{system.StoreHash}:product:{ids[6]}:deleted", Products(delivered)[ids[6]]["keys"]!.AsArray()[^1]!.GetValue<string>());
        NewestWins(delivered);

        // The merchant's page says what the check found.
        var page = await system.Service<IEnumerable<Connector.MerchantPage.IFlowStatusSource>>().OfType<Connector.MerchantPage.CatalogFlowStatus>().Single()
            .ReadAsync(system.StoreHash, CancellationToken.None);
        Assert.Contains("7 products compared with BigCommerce, 2 found deleted and sent as deletions", page.LastResult, StringComparison.Ordinal);

        // The next check finds nothing more to do: the deletions are settled, nothing is sent again.
        await system.RunCatalogPollAsync();
        var third = await CheckedAsync(system, after: second.CompletedAt);
        Assert.Equal((7, 0), (third.LastChecked, third.LastGone));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(Deliveries(delivered, ids[6]), Deliveries(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[6]));
    }

    [Fact]
    public async Task A_product_the_check_queued_that_BigCommerce_still_has_is_read_and_never_deleted()
    {
        // The check's message only says "no longer listed": its worker reads the product, and only a 404 is a deletion.
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 2);
        await system.SetCatalogPullAsync(true);
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 2, "the catalog imported", Settle);
        var before = Deliveries(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]);

        await system.Service<Connector.Storage.WorkQueue>().SendAsync(Connector.Hosting.QueueNames.Products,
            new ProductMessage(system.StoreHash, ids[0], null, ProductMessage.DeletionCheck, "listed-late"), CancellationToken.None);
        // The queue's count includes a message being handled, so 0 means handled.
        var queue = system.Service<Connector.Storage.ConnectorStorage>().Queue(Connector.Hosting.QueueNames.Products);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the products queue empty", Settle);

        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.False(Deleted(received, ids[0]));
        Assert.Equal(before, Deliveries(received, ids[0]));
        Assert.Equal(ProductLedgerStatus.Delivered, (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[0], CancellationToken.None))!.Status);
    }

    /// <summary>The first check to complete that started after <paramref name="after"/>.</summary>
    private static async Task<DeletionCheckProgress> CheckedAsync(ConnectorSystem system, DateTimeOffset? after)
    {
        var checks = system.Service<DeletionChecks>();
        DeletionCheckProgress? done = null;
        await Eventually.TrueAsync(async () =>
        {
            done = await checks.FindAsync(system.StoreHash, CancellationToken.None);
            return done is { IsUnderway: false, CompletedAt: not null } && (after is null || done.StartedAt >= after);
        }, "a deletion check complete", Settle);
        return done!;
    }
}
