using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;
using Microsoft.Playwright;

namespace Connector.EndToEndTests.MerchantPage;

/// <summary>
/// The app's page as a merchant uses it: inside the iframe of a control panel on another site (the sandbox's stand-in,
/// opened as "localhost" while the connector is 127.0.0.1), in Debian's Chromium, by labels and the keyboard. The
/// screenshots land in docs/screenshots for the README.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PageInBrowserTests(AzuriteFixture azurite, PageInBrowserTests.Chromium chromium) : IClassFixture<PageInBrowserTests.Chromium>
{
    /// <summary>One browser for the class: launching Chromium is the expensive part.</summary>
    public sealed class Chromium : IAsyncLifetime
    {
        public SystemChromium System { get; } = new();

        public Task InitializeAsync() => System.InitializeAsync();

        public Task DisposeAsync() => System.DisposeAsync();
    }

    private const long Owner = 700;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_merchant_changes_which_statuses_are_pulled_saves_and_the_next_poll_obeys()
    {
        await using var system = await InstalledAsync();
        await using var context = await chromium.System.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1000 } });
        var browser = await context.NewPageAsync();
        await browser.GotoAsync(SandboxConnection.ControlPanel(system.Sandbox, system.Connector.BaseAddress, system.StoreHash, Owner).ToString());
        var app = browser.FrameLocator("iframe#app");

        await Assertions.Expect(app.GetByRole(AriaRole.Heading, new() { Name = "Orders to the back office" })).ToBeVisibleAsync();
        await Assertions.Expect(app.GetByText("No order needs attention.")).ToBeVisibleAsync();

        // By keyboard: to the Settings section, then statuses ticked and unticked with the space bar.
        await app.GetByRole(AriaRole.Button, new() { Name = "Settings" }).FocusAsync();
        await browser.Keyboard.PressAsync("Enter");
        var awaitingPayment = app.GetByRole(AriaRole.Group, new() { Name = "Order statuses to pull" }).GetByLabel("Awaiting Payment");
        await Assertions.Expect(awaitingPayment).Not.ToBeCheckedAsync();
        await awaitingPayment.FocusAsync();
        await browser.Keyboard.PressAsync("Space");
        foreach (var name in new[] { "Awaiting Fulfillment", "Awaiting Shipment", "Awaiting Pickup", "Partially Shipped", "Shipped", "Completed" })
        {
            await app.GetByRole(AriaRole.Group, new() { Name = "Order statuses to pull" }).GetByLabel(name, new() { Exact = true }).UncheckAsync();
        }

        await app.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(app.GetByText("Saved 1 change(s).")).ToBeVisibleAsync();
        await Assertions.Expect(app.GetByRole(AriaRole.Group, new() { Name = "Order statuses to pull" }).GetByLabel("Awaiting Payment")).ToBeCheckedAsync();
        await browser.ScreenshotAsync(new() { Path = SystemChromium.ScreenshotPath("settings.png"), FullPage = true });

        var wanted = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 7)).Single();
        var unwanted = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 11)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(wanted) is not null, "the Awaiting Payment order arrived", Settle);
        Assert.Null((await system.Admin.DeliveriesAsync(system.StoreHash)).Order(unwanted));

        await app.GetByRole(AriaRole.Button, new() { Name = "Status" }).ClickAsync();
        await Assertions.Expect(app.GetByText("Order statuses to pull:")).ToBeVisibleAsync();
        await Assertions.Expect(app.Locator("[data-flow=orders]")).ToContainTextAsync("enqueued 1");
    }

    [Fact]
    public async Task A_merchant_sees_why_the_back_office_refused_an_order_and_after_the_fix_retry_brings_it_there()
    {
        await using var system = await InstalledAsync();
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        // The back office is broken for this order: it refuses it, with its reason.
        await system.Admin.RejectOrdersAsync(system.StoreHash, [order], 422, "SKU <b>BLUE-MUG</b> is unknown to the warehouse");
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order))?.Status == OrderLedgerStatus.Rejected, "the order was refused", Settle);
        await Eventually.TrueAsync(async () => (await system.Service<Connector.Activity.ActivityCounters>().TotalsAsync(system.StoreHash, 24, CancellationToken.None)).OrdersRejected == 1,
            "the refusal counted", Settle);

        // Tall enough that the screenshot shows the refused order below the status cards.
        await using var context = await chromium.System.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 1400 } });
        var browser = await context.NewPageAsync();
        await browser.GotoAsync(SandboxConnection.ControlPanel(system.Sandbox, system.Connector.BaseAddress, system.StoreHash, Owner).ToString());
        var app = browser.FrameLocator("iframe#app");
        var row = app.Locator($"tr[data-order='{order}']");
        await Assertions.Expect(row).ToContainTextAsync("Refused by the back office");
        await Assertions.Expect(row).ToContainTextAsync("SKU <b>BLUE-MUG</b> is unknown to the warehouse");
        await Assertions.Expect(app.Locator("[data-card=last-day]")).ToContainTextAsync("0 order version(s) delivered · 1 refused");
        await browser.ScreenshotAsync(new() { Path = SystemChromium.ScreenshotPath("status-with-failures.png"), FullPage = true });
        // A phone's width: the table becomes one block per order, the reason wraps, and the retry button stays in reach.
        await browser.SetViewportSizeAsync(375, 800);
        var retry = row.GetByRole(AriaRole.Button, new() { Name = $"Retry order {order}" });
        await retry.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(retry).ToBeInViewportAsync();
        await app.Locator("#attention").ScrollIntoViewIfNeededAsync();
        await browser.ScreenshotAsync(new() { Path = SystemChromium.ScreenshotPath("status-375px.png") });

        await system.Admin.ClearRejectionsAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"Retry order {order}" }).ClickAsync();

        await Assertions.Expect(app.GetByText($"Order {order} is queued again")).ToBeVisibleAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null, "the order arrived", Settle);
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order))?.Status == OrderLedgerStatus.Delivered, "the ledger says delivered", Settle);
        await app.GetByRole(AriaRole.Button, new() { Name = "Status" }).ClickAsync();
        await Assertions.Expect(app.GetByText("No order needs attention.")).ToBeVisibleAsync();
        await Assertions.Expect(app.GetByText($"Retried order {order}")).ToBeVisibleAsync();
    }

    private async Task<ConnectorSystem> InstalledAsync()
    {
        var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var install = await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        return system;
    }
}
