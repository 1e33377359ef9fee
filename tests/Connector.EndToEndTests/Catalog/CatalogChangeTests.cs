using Connector.Catalog;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;

namespace Connector.EndToEndTests.Catalog;

/// <summary>
/// Changes after the import: a product's update reaches the back office by its webhook, or by the poll when the webhook
/// is lost; of two quick updates the newest wins and an older version never follows a newer one; a deletion is delivered
/// as a deletion, and nothing after it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogChangeTests(AzuriteFixture azurite)
{
    private static async Task<(ConnectorSystem System, IReadOnlyList<long> Ids)> ImportedAsync(AzuriteFixture azurite, int products)
    {
        var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions { Webhooks = true });
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, products);
        await system.SetCatalogPullAsync(true);
        // The order poll keeps the store's webhook subscriptions; with the catalog flow on they include the product events.
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.WebhooksAsync(system.StoreHash))
                .Any(h => h!["scope"]!.GetValue<string>() == "store/product/deleted"), "product webhooks subscribed", Settle);
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == products, "the catalog imported", Settle);
        return (system, ids);
    }

    [Fact]
    public async Task An_update_arrives_by_webhook_and_a_sku_change_brings_its_product()
    {
        var (system, ids) = await ImportedAsync(azurite, 3);
        await using var _ = system;

        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "Renamed by the merchant");
        await system.Admin.UpdateProductAsync(system.StoreHash, ids[1], price: 99.5m, skuEvent: true);

        await Eventually.TrueAsync(async () => LastName(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]) == "Renamed by the merchant",
            "the new name delivered by webhook", Settle);
        await Eventually.TrueAsync(async () => Deliveries(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[1]) == 2,
            "the SKU's product delivered again", Settle);
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.Equal(99.5m, Products(received)[ids[1]]["lastBody"]!["prices"]!["price"]!.GetValue<decimal>());
        Assert.Equal(1, Deliveries(received, ids[2]));
        NewestWins(received);
    }

    [Fact]
    public async Task An_update_whose_webhook_is_lost_arrives_by_the_poll()
    {
        var (system, ids) = await ImportedAsync(azurite, 2);
        await using var _ = system;
        await system.Admin.SetWebhookSettingsAsync(enabled: false);

        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "Changed while webhooks were lost");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, Deliveries(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]));

        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => LastName(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]) == "Changed while webhooks were lost",
            "the change delivered by the poll", Settle);
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.Equal(1, Deliveries(received, ids[1]));
        NewestWins(received);
    }

    [Fact]
    public async Task Of_two_quick_updates_the_newest_wins_and_a_deletion_is_delivered_as_one()
    {
        var (system, ids) = await ImportedAsync(azurite, 2);
        await using var _ = system;

        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "First change");
        await system.Admin.UpdateProductAsync(system.StoreHash, ids[0], name: "Second change");
        // The poll too brings the newest version, alongside the two webhooks.
        await system.RunCatalogPollAsync();
        await Eventually.TrueAsync(async () => LastName(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[0]) == "Second change",
            "the newest version delivered", Settle);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = await system.Admin.ProductsReceivedAsync(system.StoreHash);
        Assert.Equal("Second change", LastName(received, ids[0]));
        NewestWins(received);

        await system.Admin.DeleteProductAsync(system.StoreHash, ids[1]);
        await Eventually.TrueAsync(async () => Deleted(await system.Admin.ProductsReceivedAsync(system.StoreHash), ids[1]), "the deletion delivered", Settle);
        // The back office has it before the ledger records its answer.
        await Eventually.TrueAsync(async () => (await system.Service<ProductLedger>().FindAsync(system.StoreHash, ids[1], CancellationToken.None))?.Status
            == ProductLedgerStatus.Deleted, "the deletion on the ledger", Settle);
        var keys = Products(await system.Admin.ProductsReceivedAsync(system.StoreHash))[ids[1]]["keys"]!.AsArray().Select(k => k!.GetValue<string>()).ToList();
        Assert.Equal($"{system.StoreHash}:product:{ids[1]}:deleted", keys[^1]);
        NewestWins(await system.Admin.ProductsReceivedAsync(system.StoreHash));
    }
}
