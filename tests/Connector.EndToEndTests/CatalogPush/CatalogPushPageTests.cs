using Connector.Catalog;
using Connector.CatalogPush;
using Connector.EndToEndTests.Infrastructure;
using Connector.MerchantPage;
using static Connector.EndToEndTests.CatalogPush.CatalogPushSetup;

namespace Connector.EndToEndTests.CatalogPush;

/// <summary>The merchant turns the catalog push on from Settings › Catalog, chooses creation and limits, and sees what was refused.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogPushPageTests(AzuriteFixture azurite)
{
    private const long Owner = 700;

    [Fact]
    public async Task Turned_on_from_the_page_with_its_choices_the_push_runs_and_its_refusals_are_shown_and_audited()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var install = await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["PAGE-1"]);
        await system.FeedAsync(Change("PAGE-1", 1, ("price", 8m)), Change("NOPE-1", 1, ("price", 9m)), Change("PAGE-1", 2, ("name", new string('n', 260))));
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var opened = await page.OpenAsync(system.StoreHash, Owner);
        var settings = (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Settings))).Text;
        Assert.Contains("Write the back office's catalog changes to BigCommerce", settings, StringComparison.Ordinal);

        var saved = await page.PostAsync(PageRoutes.Settings, opened.Session, ("orders_enabled", "on"), ("status", "11"),
            ("catalog_push_enabled", "on"), ("catalog_creation", "Off"), ("catalog_limits", "FailProduct"));
        Assert.Contains("Saved", saved.Text, StringComparison.Ordinal);
        var stored = await system.Service<CatalogSettingsStore>().GetAsync(system.StoreHash, CancellationToken.None);
        Assert.Equal((true, ProductCreation.Off, LimitPolicy.FailProduct), (stored.PushEnabled, stored.Creation, stored.Limits));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("NOPE-1") == CatalogPushStatus.Refused, "the unknown SKU refused", Settle);
        await Eventually.TrueAsync(async () => (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Status))).Text
            .Contains("SKU PAGE-1", StringComparison.Ordinal), "the long name's refusal shown", Settle);
        var status = (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Status))).Text;
        Assert.Contains("Catalog changes BigCommerce did not take", status, StringComparison.Ordinal);
        Assert.Contains("SKU NOPE-1", status, StringComparison.Ordinal);
        Assert.Contains("260 characters, more than BigCommerce", status, StringComparison.Ordinal);
        Assert.Contains("Catalog push: off → on", status, StringComparison.Ordinal);
        Assert.Contains("Catalog to BigCommerce", status, StringComparison.Ordinal);
        Assert.Equal(8m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
    }
}
