using Connector.Catalog;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;

namespace Connector.EndToEndTests.Catalog;

/// <summary>Products queued when the catalog flow is turned off are not lost: the poll reads them again once it is back on.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogGiveBackTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Products_whose_messages_found_the_flow_off_arrive_once_it_is_on_again()
    {
        // No overlap: without its change given back to the poll, a product behind the watermark would never be read again.
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["CatalogPoll:PollOverlap"] = "00:00:00",
                ["Connector:QueueRetry:Rounds"] = "4",
                ["Connector:QueueRetry:FirstDelay"] = "00:00:01",
            },
        });
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 3);
        await system.SetCatalogPullAsync(true);
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[2], CancellationToken.None))?.Attempts >= 1,
            "the products failing against the back office", Settle);
        var cursors = system.Service<global::Connector.Orders.SyncCursors>();
        var watermark = (await cursors.FindAsync(system.StoreHash, CatalogPollOptions.Flow, CancellationToken.None))!.Watermark!.Value;

        // The back office still down: every message comes back, finds the flow off, and gives its change back.
        await system.SetCatalogPullAsync(false);
        await Eventually.TrueAsync(async () => (await cursors.FindAsync(system.StoreHash, CatalogPollOptions.Flow, CancellationToken.None))!.Watermark < watermark,
            "the messages gave their changes back to the poll", Settle);
        await system.Admin.ClearFaultsAsync("backoffice");

        await system.SetCatalogPullAsync(true);
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 3, "all three delivered", Settle);
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.All(ids, id => Assert.Equal(1, Deliveries(received, id)));
    }
}
