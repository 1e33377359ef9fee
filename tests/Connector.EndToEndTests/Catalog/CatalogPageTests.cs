using Connector.EndToEndTests.Infrastructure;
using Connector.MerchantPage;
using static Connector.EndToEndTests.Catalog.CatalogAssertions;

namespace Connector.EndToEndTests.Catalog;

/// <summary>The merchant turns the catalog on from the app's page, sees the import's progress, and the products the back office refused.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogPageTests(AzuriteFixture azurite)
{
    private const long Owner = 700;

    [Fact]
    public async Task Turned_on_from_the_page_the_import_runs_its_progress_and_refusals_are_shown_and_the_change_is_audited()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var install = await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        var ids = await system.Admin.CreateProductsAsync(system.StoreHash, 300);
        await system.Admin.RejectProductsAsync(system.StoreHash, [ids[7]], 422, "Weight unit not set up");
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var opened = await page.OpenAsync(system.StoreHash, Owner);

        // Off by default: the poll imports nothing.
        await system.RunCatalogPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)));

        var saved = await page.PostAsync(PageRoutes.Settings, opened.Session, ("orders_enabled", "on"), ("status", "11"), ("catalog_enabled", "on"));
        Assert.Contains("Saved", saved.Text, StringComparison.Ordinal);
        await system.RunCatalogPollAsync();

        await Eventually.TrueAsync(async () => Products(await system.Admin.ProductsReceivedAsync(system.StoreHash)).Count == 299, "the catalog imported but one", Settle);
        await Eventually.TrueAsync(async () => (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Status))).Text
            .Contains("Weight unit not set up", StringComparison.Ordinal), "the refusal shown", Settle);
        var status = (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Status))).Text;
        Assert.Contains("Initial import complete: 300 products sent of 300 in", status, StringComparison.Ordinal);
        Assert.Contains($"Product {ids[7]} (P-{ids[7]}) Refused by the back office", status, StringComparison.Ordinal);
        Assert.Contains("Catalog flow: off → on", status, StringComparison.Ordinal);
    }
}
