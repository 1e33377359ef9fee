using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Connector.EndToEndTests.Infrastructure;
using Connector.MerchantPage;
using Connector.Orders;
using Connector.Stores;

namespace Connector.EndToEndTests.MerchantPage;

/// <summary>What a merchant does on the app's page, and what the connector does about it, over real HTTP.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class PageActionsTests(AzuriteFixture azurite)
{
    private const long Owner = 700;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_refused_order_is_shown_with_its_reason_and_after_the_back_office_is_fixed_retry_delivers_it()
    {
        await using var system = await InstalledAsync();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.Admin.RejectOrdersAsync(system.StoreHash, [order], 422, "Customer group WHOLESALE is not set up");
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order))?.Status == OrderLedgerStatus.Rejected, "the order was rejected", Settle);

        var opened = await page.OpenAsync(system.StoreHash, Owner);
        Assert.Contains($"#{order} Refused by the back office", opened.Text, StringComparison.Ordinal);
        Assert.Contains("Customer group WHOLESALE is not set up", opened.Text, StringComparison.Ordinal);

        await system.Admin.ClearRejectionsAsync();
        var retried = await page.PostAsync(PageRoutes.Actions, opened.Session, ("action", PageActions.RetryOrder), ("order", order.ToString(CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Contains($"Order {order} is queued again", retried.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null, "the retried order arrived", Settle);
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order))?.Status == OrderLedgerStatus.Delivered, "the ledger says delivered", Settle);
        var after = await page.PostAsync(PageRoutes.Page, opened.Session, ("section", "status"));
        Assert.Contains("No order needs attention", after.Text, StringComparison.Ordinal);
        Assert.Contains($"user {Owner} Retried order {order}", after.Text, StringComparison.Ordinal);
        // The last 24 hours in numbers, from the kept counts (written a moment after they happen).
        await Eventually.TrueAsync(async () => (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", "status"))).Text
            .Contains("1 order version(s) delivered · 1 refused · 0 failed attempt(s)", StringComparison.Ordinal), "the day's counts shown", Settle);
        Assert.Contains("Orders needing attention now: 0", after.Text, StringComparison.Ordinal);
        Assert.Contains("Orders needing attention now: 1", opened.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saved_settings_are_obeyed_by_the_next_poll_and_kept_in_the_audit_trail()
    {
        await using var system = await InstalledAsync();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var opened = await page.OpenAsync(system.StoreHash, Owner);
        var settingsView = await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Settings));
        Assert.Contains("Awaiting Payment", settingsView.Text, StringComparison.Ordinal); // the store's status names, from BigCommerce

        var saved = await page.PostAsync(PageRoutes.Settings, opened.Session,
            ("orders_enabled", "on"), ("status", "7"), ("inventory_enabled", "on"), ("writeback_from", "7"), ("writeback_to", "9"));
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Saved", saved.Text, StringComparison.Ordinal);
        var awaitingPayment = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 7)).Single();
        var awaitingFulfillment = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 11)).Single();
        await system.RunOrderPollAsync();

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(awaitingPayment) is not null, "the Awaiting Payment order arrived", Settle);
        await Eventually.TrueAsync(async () => (await system.Admin.GetOrderAsync(system.StoreHash, awaitingPayment))["order"]!["status_id"]!.GetValue<int>() == 9,
            "it was moved to Awaiting Shipment", Settle);
        Assert.Null((await system.Admin.DeliveriesAsync(system.StoreHash)).Order(awaitingFulfillment));
        var audit = (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", PageSections.Status))).Text;
        Assert.Contains("Order statuses to pull:", audit, StringComparison.Ordinal);
        Assert.Contains("→ Awaiting Payment", audit, StringComparison.Ordinal);
        Assert.Contains("Status write-back: off → Awaiting Payment to Awaiting Shipment", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_value_is_shown_next_to_its_field_and_nothing_is_saved()
    {
        await using var system = await InstalledAsync();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var session = (await page.OpenAsync(system.StoreHash, Owner)).Session;
        var before = await system.Service<StoreSettings>().GetOrderSettingsAsync(system.StoreHash, CancellationToken.None);

        var refused = await page.PostAsync(PageRoutes.Settings, session,
            ("orders_enabled", "on"), ("status", "7"), ("created_after", "2024-02-30"), ("writeback_to", "99"), ("inventory_enabled", "on"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Contains("Enter a date (YYYY-MM-DD) from 2000 up to today.", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Choose one of the store's statuses, or none.", refused.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"created_after\" name=\"created_after\" value=\"2024-02-30\" aria-invalid=\"true\" aria-describedby=\"created_after-error\"", refused.Html, StringComparison.Ordinal);
        var after = await system.Service<StoreSettings>().GetOrderSettingsAsync(system.StoreHash, CancellationToken.None);
        Assert.Equal(before.StatusIds, after.StatusIds);
        Assert.Null(after.WriteBackStatusId);
    }

    [Fact]
    public async Task Retry_puts_only_this_stores_failed_messages_back_to_work()
    {
        await using var system = await InstalledAsync();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var storage = system.Service<Connector.Storage.ConnectorStorage>();
        var poison = storage.Queue(Connector.Hosting.QueueNames.PoisonOf(Connector.Hosting.QueueNames.Orders));
        await poison.CreateIfNotExistsAsync();
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await poison.SendMessageAsync(PoisonBody(system.StoreHash, order));
        await poison.SendMessageAsync(PoisonBody("someoneelse", 5));

        var opened = await page.OpenAsync(system.StoreHash, Owner);
        Assert.Contains("Failed messages", opened.Text, StringComparison.Ordinal);
        Assert.Contains("the back office was down", opened.Text, StringComparison.Ordinal);
        var requeued = await page.PostAsync(PageRoutes.Actions, opened.Session, ("action", PageActions.RequeuePoison));

        Assert.Contains("1 failed message(s) put back to work", requeued.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null, "the requeued order arrived", Settle);
        var left = (await poison.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.Single(left, b => b.Contains("someoneelse", StringComparison.Ordinal));
        Assert.DoesNotContain(left, b => b.Contains(system.StoreHash, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Orders_refused_before_the_page_existed_are_listed_after_the_next_poll_and_the_list_pages()
    {
        await using var system = await InstalledAsync();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        // Ledger rows as an older version left them: refused, with no row in the attention index.
        var orders = system.Table(Connector.Storage.TableNames.Orders);
        for (var id = 1001; id <= 1025; id++)
        {
            await orders.UpsertEntityAsync(new OrderLedgerEntry
            {
                PartitionKey = system.StoreHash, RowKey = id.ToString(CultureInfo.InvariantCulture), Status = OrderLedgerStatus.Rejected,
                LastError = $"refused {id}", Attempts = 1,
            });
        }

        var before = await page.OpenAsync(system.StoreHash, Owner);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Service<SyncCursors>().FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.AttentionIndexedAt is not null,
            "the poll indexed the ledger", Settle);
        var first = await page.PostAsync(PageRoutes.Page, before.Session, ("section", "status"));
        var next = await page.PostAsync(PageRoutes.Page, before.Session, ("section", "status"), ("after", "1020"));

        Assert.Contains("No order needs attention", before.Text, StringComparison.Ordinal);
        Assert.Contains("#1001 Refused by the back office", first.Text, StringComparison.Ordinal);
        Assert.Contains("#1020", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("#1021", first.Text, StringComparison.Ordinal);
        Assert.Contains("Next page", first.Text, StringComparison.Ordinal);
        Assert.Contains("#1025", next.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("#1020 ", next.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Next page", next.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sku_BigCommerce_does_not_know_is_listed_with_why_and_the_quota_seen_is_shown()
    {
        await using var system = await InstalledAsync();
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["KNOWN-1"]);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, [("KNOWN-1", 4), ("GHOST-<b>1</b>", 7)]);
        await system.RunInventoryPushAsync();
        var ledger = system.Service<Connector.Inventory.InventoryLedger>();
        await Eventually.TrueAsync(async () => (await ledger.FindAsync(system.StoreHash, "GHOST-<b>1</b>", CancellationToken.None))?.Status == nameof(Connector.Inventory.InventoryStatus.UnknownSku),
            "the unknown SKU refused", Settle);

        var opened = await new MerchantPageClient(system.Connector.Http, system.Admin).OpenAsync(system.StoreHash, Owner);

        Assert.Contains("Stock levels BigCommerce did not take", opened.Text, StringComparison.Ordinal);
        Assert.Contains("GHOST-<b>1</b> BigCommerce does not know this SKU", opened.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("GHOST-<b>", opened.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("KNOWN-1", opened.Text, StringComparison.Ordinal);
        Assert.Contains("BigCommerce quota 150 requests per 30 s", opened.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_says_whether_the_webhooks_are_in_place_and_that_a_deactivated_one_was_reactivated()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false, Webhooks = true });
        await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var cursors = system.Service<SyncCursors>();
        async Task PollAsync()
        {
            var before = (await cursors.FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.LastRunAt;
            await system.RunOrderPollAsync();
            await Eventually.TrueAsync(async () => (await cursors.FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.LastRunAt != before,
                "a poll ran", Settle);
        }

        await PollAsync();
        var inPlace = await page.OpenAsync(system.StoreHash, Owner);
        var created = (await system.Admin.WebhooksAsync(system.StoreHash)).First(h => h!["scope"]!.GetValue<string>() == "store/order/created")!["id"]!.GetValue<long>();
        await system.Admin.DeactivateWebhookAsync(system.StoreHash, created);
        await PollAsync();
        var reactivated = await page.PostAsync(PageRoutes.Page, inPlace.Session, ("section", "status"));

        Assert.Contains("Webhooks In place checked", inPlace.Text, StringComparison.Ordinal);
        Assert.Contains("Webhooks BigCommerce had deactivated 1 after failed deliveries; reactivated", reactivated.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stores_locations_are_mapped_to_back_office_codes_and_a_code_mapped_twice_is_refused()
    {
        await using var system = await InstalledAsync();
        var added = await system.SandboxHttp.PostAsJsonAsync($"_admin/stores/{system.StoreHash}/locations", new { code = "EAST", label = "East warehouse" });
        added.EnsureSuccessStatusCode();
        var east = (await added.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<long>();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var session = (await page.OpenAsync(system.StoreHash, Owner)).Session;
        var form = await page.PostAsync(PageRoutes.Page, session, ("section", PageSections.Settings));
        Assert.Contains($"East warehouse (id {east}, code EAST)", form.Text, StringComparison.Ordinal);
        (string, string)[] common = [("orders_enabled", "on"), ("status", "11"), ("inventory_enabled", "on")];

        var twice = await page.PostAsync(PageRoutes.Settings, session, [.. common, ("location_1", "WH-MAIN, WH-E"), ($"location_{east}", "WH-E")]);
        var saved = await page.PostAsync(PageRoutes.Settings, session, [.. common, ("location_1", "WH-MAIN"), ($"location_{east}", "WH-E, WH-E2"), ("only_skus", "SKU-1\nSKU-2")]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, twice.Status);
        Assert.Contains("The code WH-E is already mapped to another location.", twice.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        var inventory = await system.Service<StoreSettings>().GetInventorySettingsAsync(system.StoreHash, CancellationToken.None);
        Assert.Equal(new Dictionary<string, long> { ["WH-MAIN"] = 1, ["WH-E"] = east, ["WH-E2"] = east }, inventory.LocationMap);
        Assert.Equal(["SKU-1", "SKU-2"], inventory.OnlySkus);
        Assert.Contains($"Location map: none → WH-E → location {east}, WH-E2 → location {east}, WH-MAIN → location 1", saved.Text, StringComparison.Ordinal);
        Assert.Contains("SKU filter: all SKUs → only SKU-1, SKU-2", saved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resync_from_a_date_waits_for_the_next_poll_which_acts_on_it_and_a_bad_date_is_refused()
    {
        await using var system = await InstalledAsync();
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);
        var session = (await page.OpenAsync(system.StoreHash, Owner)).Session;
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var future = await page.PostAsync(PageRoutes.Actions, session, ("action", PageActions.ResyncOrders), ("resync_orders_from", "2999-01-01"));
        var asked = await page.PostAsync(PageRoutes.Actions, session, ("action", PageActions.ResyncOrders), ("resync_orders_from", today));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.Status);
        Assert.Contains("Enter a date (YYYY-MM-DD) from 2000 up to today.", future.Text, StringComparison.Ordinal);
        Assert.Contains($"The next order poll reads every order changed since {today} again.", asked.Text, StringComparison.Ordinal);
        Assert.Contains($"A resync from {today} 00:00 UTC waits for the next order poll.", asked.Text, StringComparison.Ordinal);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Service<StoreSettings>().GetOrderSettingsAsync(system.StoreHash, CancellationToken.None)).ResyncFrom is null,
            "the poll acted on the resync", Settle);
        Assert.Contains($"Asked to resync orders changed since {today}", (await page.PostAsync(PageRoutes.Page, session, ("section", "status"))).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_a_back_office_outage_the_failing_order_shows_why_and_after_it_the_merchant_puts_it_back_to_work()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new()
        {
            ConnectStore = false,
            // No retry rounds: the message gives up within seconds, as it would after its ~3 hours of rounds.
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "0" },
        });
        await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.PoisonMessagesAsync(Connector.Hosting.QueueNames.Orders)).Count == 1, "the order's message gave up", Settle);
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);

        var during = await page.OpenAsync(system.StoreHash, Owner);
        await system.Admin.ClearFaultsAsync("backoffice");
        var requeued = await page.PostAsync(PageRoutes.Actions, during.Session, ("action", PageActions.RequeuePoison));

        Assert.Contains($"#{order} Failing, retried automatically", during.Text, StringComparison.Ordinal);
        Assert.Contains("The back office answered 5", during.Text, StringComparison.Ordinal);
        Assert.Contains($"orders order {order}", during.Text, StringComparison.Ordinal);
        Assert.Contains("1 failed message(s) put back to work", requeued.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null, "the order arrived", Settle);
        await Eventually.TrueAsync(async () => (await page.PostAsync(PageRoutes.Page, during.Session, ("section", "status"))).Text.Contains("No order needs attention", StringComparison.Ordinal),
            "nothing needs attention any more", Settle);
    }

    [Fact]
    public async Task A_refused_later_change_of_a_delivered_order_is_listed_and_retry_sends_it()
    {
        await using var system = await InstalledAsync();
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null, "the first version arrived", Settle);
        await system.Admin.RejectOrdersAsync(system.StoreHash, [order], 422, "Cannot change a picked order");
        await system.Admin.ModifyOrderAsync(system.StoreHash, order, customerMessage: "Please gift wrap");
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(order)) is { RejectedModifiedAt: not null } e && e.RejectedModifiedAt > e.DeliveredModifiedAt,
            "the change was refused", Settle);
        var page = new MerchantPageClient(system.Connector.Http, system.Admin);

        var opened = await page.OpenAsync(system.StoreHash, Owner);
        await system.Admin.ClearRejectionsAsync();
        var retried = await page.PostAsync(PageRoutes.Actions, opened.Session, ("action", PageActions.RetryAllOrders));

        Assert.Contains($"#{order} Delivered, but its latest change was refused", opened.Text, StringComparison.Ordinal);
        Assert.Contains("Cannot change a picked order", opened.Text, StringComparison.Ordinal);
        Assert.Contains("1 order(s) queued again.", retried.Text, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order)?.Versions == 2, "the changed version arrived", Settle);
        Assert.Contains("No order needs attention", (await page.PostAsync(PageRoutes.Page, opened.Session, ("section", "status"))).Text, StringComparison.Ordinal);
    }

    /// <summary>An orders message as QueueInvocation leaves it in poison after its last round.</summary>
    private static string PoisonBody(string store, long orderId) =>
        $$$"""{"storeHash":"{{{store}}}","orderId":{{{orderId}}},"modifiedAt":null,"source":"poll","correlationId":"c1","poison":{"queue":"orders","lastError":"HttpRequestException: the back office was down","attempts":45,"failedAt":"2026-01-01T00:00:00+00:00","originalMessageId":"m1"}}""";

    private async Task<ConnectorSystem> InstalledAsync()
    {
        var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var install = await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: Owner, ownerId: Owner);
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        return system;
    }
}
