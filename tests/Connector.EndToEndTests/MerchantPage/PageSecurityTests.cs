using System.Net;
using Connector.BigCommerce;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.MerchantPage;
using Connector.Orders;
using Microsoft.Extensions.Options;

namespace Connector.EndToEndTests.MerchantPage;

/// <summary>
/// The app's page inside the control panel's iframe: what it lets through and what it refuses, over real HTTP. One
/// installed store (owner 700) per test; a page session is what a user gets by opening the app.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PageSecurityTests(AzuriteFixture azurite)
{
    private const long Owner = 700;

    [Fact]
    public async Task The_page_carries_its_session_in_the_page_and_only_the_control_panel_may_frame_it()
    {
        await using var system = await InstalledAsync();
        var page = Page(system);

        var opened = await page.OpenAsync(system.StoreHash, Owner);

        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.NotNull(opened.Session);
        Assert.Contains("frame-ancestors https://store-*.mybigcommerce.com https://*.bigcommerce.com", opened.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", opened.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", opened.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", opened.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", opened.Html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var again = await page.PostAsync(PageRoutes.Page, opened.Session, ("section", "status"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("No order needs attention", again.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_expired_and_missing_tokens_are_refused_and_change_nothing()
    {
        await using var system = await InstalledAsync();
        var page = Page(system);
        var session = (await page.OpenAsync(system.StoreHash, Owner)).Session!;
        var parts = session.Split('.');
        // Another store's name in a token signed by this connector's key cannot be made without the key: swap the payload.
        var otherPayload = Base64Url($$"""{"sub":"stores/other1","user":"700","aud":"merchant-page","iss":"connector","exp":{{DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds()}},"nbf":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"iat":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}""");
        var forged = $"{parts[0]}.{otherPayload}.{parts[2]}";
        var wrongKey = Tokens(system, TimeProvider.System, sessionKey: new string('k', 40)).Issue(system.StoreHash, Owner);
        var expired = Tokens(system, new ShiftedClock(TimeSpan.FromMinutes(-61))).Issue(system.StoreHash, Owner);

        foreach (var token in new[] { forged, wrongKey, expired, "", "not-a-token" })
        {
            var answer = await page.PostAsync(PageRoutes.Actions, token, ("action", PageActions.PushAllStock));
            Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
            Assert.Contains("Open the app again", answer.Text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await page.PostAsync(PageRoutes.Actions, null, ("action", PageActions.PushAllStock))).Status);
        Assert.Null((await system.Service<Connector.Stores.StoreSettings>().GetInventorySettingsAsync(system.StoreHash, CancellationToken.None)).ResyncRequestedAt);
    }

    [Fact]
    public async Task Another_stores_session_cannot_read_or_retry_this_stores_orders()
    {
        await using var system = await InstalledAsync();
        var otherStore = "o" + system.StoreHash[1..];
        await system.Admin.InstallAsync(otherStore, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: 900, ownerId: 900);
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.Admin.RejectOrdersAsync(system.StoreHash, [order], 422, "Unknown SKU SECRET-SKU-1");
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order))?.Status == OrderLedgerStatus.Rejected, "the order was rejected", TimeSpan.FromSeconds(60));
        var page = Page(system);

        var theirs = await page.OpenAsync(otherStore, 900);
        var retry = await page.PostAsync(PageRoutes.Actions, theirs.Session, ("action", PageActions.RetryOrder), ("order", order.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.DoesNotContain("SECRET-SKU-1", theirs.Html, StringComparison.Ordinal);
        Assert.Contains("does not need a retry", retry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-SKU-1", retry.Html, StringComparison.Ordinal);
        Assert.Equal(OrderLedgerStatus.Rejected, (await system.LedgerAsync(order))!.Status);
        Assert.Contains("SECRET-SKU-1", (await page.OpenAsync(system.StoreHash, Owner)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_user_and_every_user_after_uninstall_are_refused_with_the_page_still_open()
    {
        await using var system = await InstalledAsync();
        var page = Page(system);
        var user = (await page.OpenAsync(system.StoreHash, 701)).Session;
        var owner = (await page.OpenAsync(system.StoreHash, Owner)).Session;
        Assert.Equal(HttpStatusCode.OK, (await page.PostAsync(PageRoutes.Page, user, ("section", "settings"))).Status);

        await system.Admin.CallbackAsync(system.StoreHash, "remove_user", new Uri(system.Connector.BaseAddress, "api/bigcommerce/remove-user"), userId: 701);
        var removed = await page.PostAsync(PageRoutes.Page, user, ("section", "status"));
        var ownerStill = await page.PostAsync(PageRoutes.Page, owner, ("section", "status"));
        await system.Admin.CallbackAsync(system.StoreHash, "uninstall", new Uri(system.Connector.BaseAddress, "api/bigcommerce/uninstall"), userId: Owner);
        var afterUninstall = await page.PostAsync(PageRoutes.Actions, owner, ("action", PageActions.PushAllStock));

        Assert.Equal(HttpStatusCode.Forbidden, removed.Status);
        Assert.Contains("removed your access", removed.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownerStill.Status);
        Assert.Equal(HttpStatusCode.Gone, afterUninstall.Status);
        Assert.Null((await system.Service<Connector.Stores.StoreSettings>().GetInventorySettingsAsync(system.StoreHash, CancellationToken.None)).ResyncRequestedAt);
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused()
    {
        await using var system = await InstalledAsync();
        var page = Page(system);
        var session = (await page.OpenAsync(system.StoreHash, Owner)).Session;

        // Another site can post a form to the connector, but cannot read the page, so it has no token to put in it.
        var noToken = await page.PostAsync(PageRoutes.Actions, null, new[] { new KeyValuePair<string, string>("action", PageActions.PushAllStock) }, origin: "https://evil.example");
        // Even holding one (say, leaked), a post from another origin is refused before anything is read.
        var wrongOrigin = await page.PostAsync(PageRoutes.Actions, session, new[] { new KeyValuePair<string, string>("action", PageActions.PushAllStock) }, origin: "https://evil.example");
        var nullOrigin = await page.PostAsync(PageRoutes.Actions, session, new[] { new KeyValuePair<string, string>("action", PageActions.PushAllStock) }, origin: "null");
        var sameOrigin = await page.PostAsync(PageRoutes.Page, session, new[] { new KeyValuePair<string, string>("section", "status") },
            origin: system.Connector.BaseAddress.GetLeftPart(UriPartial.Authority));

        Assert.Equal(HttpStatusCode.Forbidden, noToken.Status);
        Assert.Equal(HttpStatusCode.Forbidden, wrongOrigin.Status);
        Assert.Equal(HttpStatusCode.Forbidden, nullOrigin.Status);
        Assert.Equal(HttpStatusCode.OK, sameOrigin.Status);
        Assert.Null((await system.Service<Connector.Stores.StoreSettings>().GetInventorySettingsAsync(system.StoreHash, CancellationToken.None)).ResyncRequestedAt);
    }

    [Fact]
    public async Task Html_and_script_in_order_data_and_error_text_are_shown_as_text()
    {
        await using var system = await InstalledAsync();
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \"quoted\"";
        await system.Admin.RejectOrdersAsync(system.StoreHash, [order], 422, hostile);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order))?.Status == OrderLedgerStatus.Rejected, "the order was rejected", TimeSpan.FromSeconds(60));

        var opened = await Page(system).OpenAsync(system.StoreHash, Owner);

        Assert.DoesNotContain("<script", opened.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", opened.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", opened.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oversized_forms_and_fields_are_refused_and_nothing_is_saved()
    {
        await using var system = await InstalledAsync();
        var page = Page(system);
        var session = (await page.OpenAsync(system.StoreHash, Owner)).Session;
        var settings = system.Service<Connector.Stores.StoreSettings>();
        var before = await settings.GetInventorySettingsAsync(system.StoreHash, CancellationToken.None);

        var hugeBody = await page.PostAsync(PageRoutes.Settings, session, ("only_skus", new string('A', 40_000)));
        var longField = await page.PostAsync(PageRoutes.Settings, session,
            ("orders_enabled", "on"), ("status", "11"), ("inventory_enabled", "on"), ("only_skus", "SKU-1\n" + new string('B', 300)), ("created_within_days", new string('9', 250)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, hugeBody.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, longField.Status);
        Assert.Contains("Nothing was saved", longField.Text, StringComparison.Ordinal);
        Assert.Contains("A SKU is at most 255 characters", longField.Text, StringComparison.Ordinal);
        Assert.Contains("Too long: at most 200 characters", longField.Text, StringComparison.Ordinal);
        var after = await settings.GetInventorySettingsAsync(system.StoreHash, CancellationToken.None);
        Assert.Equal(before.OnlySkus, after.OnlySkus);
        Assert.Empty(await system.Service<AuditTrail>().LatestAsync(system.StoreHash, 10, CancellationToken.None));
    }

    private async Task<ConnectorSystem> InstalledAsync()
    {
        var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var install = await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        return system;
    }

    private static MerchantPageClient Page(ConnectorSystem system) => new(system.Connector.Http, system.Admin);

    private static PageSessionTokens Tokens(ConnectorSystem system, TimeProvider clock, string? sessionKey = null) =>
        new(Options.Create(new MerchantPageOptions { SessionKey = sessionKey }), system.Service<IOptions<BigCommerceAppOptions>>(),
            system.Service<IOptions<ConnectorOptions>>(), clock);

    private static string Base64Url(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }
}
