using System.Net;
using Connector.EndToEndTests.Infrastructure;
using Connector.MerchantPage;

namespace Connector.EndToEndTests.MerchantPage;

/// <summary>A store connected by API account has no control panel to open the app from: the operator opens its page from the console.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OperatorConsoleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_operator_signs_in_with_the_admin_key_lists_the_stores_and_opens_one_stores_page()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite); // connected by API account
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);

        var signIn = await page.GetAsync(PageRoutes.Console);
        var wrongKey = await page.PostAsync(PageRoutes.Console, null, (ConsoleHandler.KeyField, "not-the-admin-key-at-all"));
        var stores = await page.PostAsync(PageRoutes.Console, null, (ConsoleHandler.KeyField, ConnectorSystem.AdminKey));
        var opened = await page.PostAsync(PageRoutes.ConsoleStore, stores.Session, ("store", system.StoreHash));
        var acted = await page.PostAsync(PageRoutes.Actions, opened.Session, ("action", PageActions.PushAllStock));
        var forgedStore = await page.PostAsync(PageRoutes.ConsoleStore, "not-a-console-session", ("store", system.StoreHash));

        Assert.Equal(HttpStatusCode.OK, signIn.Status);
        Assert.Contains("Admin key", signIn.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);
        Assert.Null(wrongKey.Session);
        Assert.Contains($"{system.StoreHash} API account active", stores.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains("signed in as operator", opened.Text, StringComparison.Ordinal);
        Assert.Contains("API account Connected", opened.Text, StringComparison.Ordinal);
        Assert.Contains("The next stock push sends every SKU's level again.", acted.Text, StringComparison.Ordinal);
        Assert.Contains("operator Asked to push all stock levels again", acted.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedStore.Status);
        // A console session is not a store's page session, nor the other way round.
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.PostAsync(PageRoutes.Page, stores.Session, ("section", "status"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.PostAsync(PageRoutes.ConsoleStore, opened.Session, ("store", system.StoreHash))).Status);
    }
}
