using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Inventory;
using Connector.Orders;
using Connector.Storage;
using Connector.Testing;

namespace Connector.EndToEndTests.Operations;

/// <summary>
/// Issue #8, "nothing is lost": a message that used up its attempts is in poison with enough to act on, and once
/// the cause is fixed the operator puts it back and it completes, once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PoisonRequeueTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_order_the_back_office_keeps_failing_is_listed_with_its_error_and_after_the_fix_a_requeue_delivers_it_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        var failing = ids[1];
        await system.Admin.RejectOrdersAsync(system.StoreHash, [failing], 500, "down for maintenance");

        await system.RunOrderPollAsync();
        var listed = await UntilAsync(async () => await ListAsync(system, "orders") is { Count: 1 } found ? found[0] : null, "the failing order listed in orders-poison", Settle);

        Assert.Equal("orders", listed["queue"]!.GetValue<string>());
        Assert.Equal(system.StoreHash, listed["storeHash"]!.GetValue<string>());
        Assert.Equal("order", listed["subjectKind"]!.GetValue<string>());
        Assert.Equal(failing.ToString(System.Globalization.CultureInfo.InvariantCulture), listed["subject"]!.GetValue<string>());
        Assert.Equal(5, listed["attempts"]!.GetValue<long>());
        Assert.Contains("500", listed["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        // The back office's own words may quote a customer: they stay out of poison messages, on the order's ledger row.
        Assert.DoesNotContain("down for maintenance", listed["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("down for maintenance", (await system.LedgerAsync(failing))!.LastError, StringComparison.Ordinal);
        Assert.NotNull(listed["failedAt"]);
        // The others arrived; the failing one did not.
        Assert.Equal(ids.Where(id => id != failing).Order(), (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Select(o => o.OrderId).Order());

        await system.Admin.ClearRejectionsAsync();
        var requeue = await RequeueAsync(system, $"?queue=orders&store={system.StoreHash}");

        Assert.Equal(1, requeue["requeued"]!.GetValue<int>());
        Assert.Equal(1, requeue["queues"]!["orders"]!["requeued"]!.GetValue<int>());
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(failing) is not null, "the requeued order delivered", Settle);
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(failing))?.Status == OrderLedgerStatus.Delivered, "the ledger to say delivered", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(ids.Order(), deliveries.Orders.Select(o => o.OrderId).Order());
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Empty(await system.PoisonMessagesAsync("orders"));
        Assert.Empty(await ListAsync(system, "orders"));
    }

    [Fact]
    public async Task A_sku_BigCommerce_keeps_failing_is_listed_and_after_the_fix_a_requeue_sets_its_stock()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["POISON-1"]);
        await system.Admin.SetFaultsAsync("bigcommerce", new { errorRate = 1.0 });
        await system.Service<WorkQueue>().SendAsync(
            QueueNames.Inventory,
            new InventoryMessage(system.StoreHash, "POISON-1", new Dictionary<long, int> { [1] = 17 }, DateTimeOffset.UtcNow, "e2e-poison"),
            CancellationToken.None);

        var listed = await UntilAsync(async () => await ListAsync(system, "inventory") is { Count: 1 } found ? found[0] : null, "the SKU listed in inventory-poison", Settle);
        Assert.Equal(system.StoreHash, listed["storeHash"]!.GetValue<string>());
        Assert.Equal(("sku", "POISON-1"), (listed["subjectKind"]!.GetValue<string>(), listed["subject"]!.GetValue<string>()));
        Assert.Equal(5, listed["attempts"]!.GetValue<long>());

        await system.Admin.ClearFaultsAsync("bigcommerce");
        // Fixed means fixed for the connector too: after every call failing, the store's circuit breaker lets calls
        // through again only after its 15 s break. Requeued before that, the SKU would use up its attempts again.
        await Task.Delay(TimeSpan.FromSeconds(16));
        Assert.Equal(1, (await RequeueAsync(system, "?queue=inventory"))["requeued"]!.GetValue<int>());

        await Eventually.TrueAsync(async () => (await system.Admin.StockLevelsAsync(system.StoreHash)).TryGetValue("POISON-1", out var level) && level.Quantity == 17,
            "the requeued SKU's stock set", Settle);
        Assert.Empty(await ListAsync(system, "inventory"));
    }

    [Fact]
    public async Task A_message_the_host_moved_bare_is_listed_with_an_unknown_error_and_requeued_like_the_others()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        // What the Functions host leaves when the connector could not add its details: the body alone.
        var body = $$"""{"storeHash":"{{system.StoreHash}}","flow":"nonsense","correlationId":"bare"}""";
        await system.Service<ConnectorStorage>().Queue(QueueNames.PoisonOf(QueueNames.StoreSync)).SendMessageAsync(body);

        var listed = Assert.Single(await ListAsync(system, "store-sync"));
        Assert.Equal("unknown (moved by the host)", listed["lastError"]!.GetValue<string>());
        Assert.Equal(("flow", "nonsense"), (listed["subjectKind"]!.GetValue<string>(), listed["subject"]!.GetValue<string>()));
        Assert.Null(listed["attempts"]);

        // Another store's filter leaves it where it is, still visible.
        Assert.Equal(0, (await RequeueAsync(system, "?queue=store-sync&store=someotherstore"))["requeued"]!.GetValue<int>());
        Assert.Single(await ListAsync(system, "store-sync"));

        // Requeued, it fails again (an unknown flow never works) and comes back with its error this time.
        Assert.Equal(1, (await RequeueAsync(system, $"?store={system.StoreHash}"))["queues"]!["store-sync"]!["requeued"]!.GetValue<int>());
        var again = await UntilAsync(
            async () => await ListAsync(system, "store-sync") is { Count: 1 } found && found[0]["attempts"] is not null ? found[0] : null,
            "the message back in poison with its error", Settle);
        Assert.Contains("Unknown flow 'nonsense'", again["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoints_need_the_admin_key_and_a_known_queue()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Connector.Http.GetAsync(new Uri("/api/operations/poison", UriKind.Relative))).StatusCode);
        using var wrongKey = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/operations/poison/requeue", UriKind.Relative));
        wrongKey.Headers.Add("X-Admin-Key", "not-the-admin-key-at-all");
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Connector.Http.SendAsync(wrongKey)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(system, HttpMethod.Get, "/api/operations/poison?queue=elsewhere")).StatusCode);
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> find, string what, TimeSpan timeout) where T : class
    {
        T? found = null;
        await Eventually.TrueAsync(async () => (found = await find()) is not null, what, timeout);
        return found!;
    }

    private static async Task<List<JsonObject>> ListAsync(ConnectorSystem system, string queue)
    {
        var response = await SendAsync(system, HttpMethod.Get, $"/api/operations/poison?queue={queue}&store={system.StoreHash}");
        response.EnsureSuccessStatusCode();
        var json = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var view = Assert.Single(json["queues"]!.AsArray())!;
        Assert.Equal(queue, view["queue"]!.GetValue<string>());
        return [.. view["messages"]!.AsArray().Select(m => m!.AsObject())];
    }

    private static async Task<JsonObject> RequeueAsync(ConnectorSystem system, string query)
    {
        var response = await SendAsync(system, HttpMethod.Post, "/api/operations/poison/requeue" + query);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<HttpResponseMessage> SendAsync(ConnectorSystem system, HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Admin-Key", ConnectorSystem.AdminKey);
        return await system.Connector.Http.SendAsync(request);
    }
}
