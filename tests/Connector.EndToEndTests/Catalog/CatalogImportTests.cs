using Connector.Catalog;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;

namespace Connector.EndToEndTests.Catalog;

/// <summary>
/// The first connection's initial import: the whole catalog, a page of 250 products (with their variants and custom
/// fields) per BigCommerce call, each product delivered once, its progress recorded for the merchant's page; and a run
/// that dies mid-import goes on from its saved cursor without sending anything twice.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogImportTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_initial_import_of_several_pages_delivers_every_product_once_at_most_one_list_call_per_50_products()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 500, variants: 3);
        await system.SetCatalogPullAsync(true);
        await system.Admin.ResetStatsAsync();

        await system.RunCatalogPollAsync();

        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 500, "all 500 products delivered", Settle);
        await Eventually.TrueAsync(async () => (await system.Service<CatalogImports>().FindAsync(system.StoreHash, CancellationToken.None))?.IsComplete == true,
            "the import recorded complete", Settle);
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.All(ids, id => Assert.Equal(1, Deliveries(received, id)));
        Assert.Equal(0, received["duplicates"]!.GetValue<int>());
        NewestWins(received);

        // The canonical product: SKU, name, prices, weight, visibility, variants with their SKUs and option values, custom fields.
        var body = Products(received)[ids[0]]["lastBody"]!.AsObject();
        Assert.Equal($"P-{ids[0]}", body["sku"]!.GetValue<string>());
        Assert.NotNull(body["prices"]!["price"]);
        Assert.True(body["is_visible"]!.GetValue<bool>());
        Assert.Equal(3, body["variants"]!.AsArray().Count);
        Assert.All(body["variants"]!.AsArray(), v => Assert.StartsWith($"P-{ids[0]}-", v!["sku"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal("Size", body["variants"]![0]!["option_values"]![0]!["option"]!.GetValue<string>());
        Assert.Equal("origin", body["custom_fields"]![0]!["name"]!.GetValue<string>());

        var progress = (await system.Service<CatalogImports>().FindAsync(system.StoreHash, CancellationToken.None))!;
        Assert.Equal(500, progress.Total);
        Assert.Equal(500, progress.Products);

        // The list page carries each product whole: no per-product read, and at most 0.02 calls per product pulled.
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        var listCalls = stats["byEndpoint"]?["GET /v3/catalog/products"]?.GetValue<long>() ?? 0;
        var productReads = stats["byEndpoint"]?["GET /v3/catalog/products/{product_id}"]?.GetValue<long>() ?? 0;
        Assert.InRange(listCalls, 1, 10);
        Assert.Equal(0, productReads);
    }

    [Fact]
    public async Task An_import_that_dies_mid_way_resumes_from_its_saved_cursor_and_sends_nothing_twice()
    {
        // Pages of 50 so the import takes long enough for BigCommerce to fail in the middle of it.
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["CatalogPoll:PageSize"] = "50",
                ["Connector:QueueRetry:Rounds"] = "4",
                ["Connector:QueueRetry:FirstDelay"] = "00:00:01",
            },
        });
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 1500, variants: 1);
        await system.SetCatalogPullAsync(true);
        var imports = system.Service<CatalogImports>();

        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => (await imports.FindAsync(system.StoreHash, CancellationToken.None))?.Pages >= 2, "the import under way", Settle);
        await system.Admin.SetFaultsAsync("bigcommerce", new { errorRate = 1.0 });
        await Eventually.TrueAsync(async () => (await system.Service<global::Connector.Orders.SyncCursors>().FindAsync(system.StoreHash, CatalogPollOptions.Flow, CancellationToken.None))?.RunningBy is null,
            "the run died", Settle);
        var stopped = (await imports.FindAsync(system.StoreHash, CancellationToken.None))!;
        Assert.False(stopped.IsComplete);
        await system.Admin.ClearFaultsAsync("bigcommerce");

        await Eventually.TrueAsync(async () => (await imports.FindAsync(system.StoreHash, CancellationToken.None))?.IsComplete == true, "the import complete", Settle);
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 1500, "all 1500 products delivered", Settle);
        var progress = (await imports.FindAsync(system.StoreHash, CancellationToken.None))!;
        Assert.True(progress.Resumes >= 1, "the import went on from its cursor");
        Assert.Equal(1500, progress.Products);
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.All(ids, id => Assert.Equal(1, Deliveries(received, id)));
        NewestWins(received);
    }
}
