using Connector.Catalog;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;

namespace Connector.EndToEndTests.Catalog;

/// <summary>A product the back office refuses is recorded with its reason and the rest goes on; an outage is retried through the queue.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogRefusalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_refused_product_is_recorded_with_its_reason_and_the_rest_is_delivered()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 5);
        await system.Admin.RejectProductsAsync(system.StoreHash, [ids[2]], 422, "Unknown tax class");
        await system.SetCatalogPullAsync(true);

        await system.RunCatalogPollAsync();

        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 4, "the other four delivered", Settle);
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[2], CancellationToken.None))?.Status == ProductLedgerStatus.Rejected,
            "the refusal recorded", Settle);
        var entry = (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[2], CancellationToken.None))!;
        Assert.Contains("Unknown tax class", entry.LastError, StringComparison.Ordinal);
        Assert.Contains("422", entry.LastError, StringComparison.Ordinal);
        var (attention, _) = await system.Service<ProductLedger>().NeedingAttentionAsync(system.StoreHash, 10, CancellationToken.None);
        Assert.Equal([ids[2]], attention.Select(e => long.Parse(e.RowKey, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(await system.PoisonMessagesAsync("products"));
    }

    [Fact]
    public async Task A_back_office_outage_is_retried_and_each_product_arrives_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "4", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
        });
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 3);
        await system.SetCatalogPullAsync(true);
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });

        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[0], CancellationToken.None))?.Attempts >= 2,
            "attempts failing while the back office is down", Settle);
        Assert.Equal(ProductLedgerStatus.Failing, (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[0], CancellationToken.None))!.Status);
        await system.Admin.ClearFaultsAsync("backoffice");

        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 3, "delivered once the back office is back", Settle);
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.All(ids, id => Assert.Equal(1, Deliveries(received, id)));
        Assert.Empty(await system.PoisonMessagesAsync("products"));
        // The back office has it before the ledger records its answer.
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[0], CancellationToken.None))?.Status
            == ProductLedgerStatus.Delivered, "delivered on the ledger", Settle);
    }
}
