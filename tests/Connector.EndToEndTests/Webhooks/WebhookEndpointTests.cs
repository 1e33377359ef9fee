using System.Net;
using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Storage;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>
/// The webhook endpoint against bad input, with callbacks made by hand: each refusal has its status, and nothing is
/// queued or recorded for it, so the same webhook sent properly afterwards is acted on, once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebhookEndpointTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Refusals => new()
    {
        "wrong store secret", "missing store secret", "another store's secret", "wrong signing secret", "no signature", "stale timestamp",
        "future timestamp", "malformed signature", "unknown store", "malformed JSON", "not a callback", "wrong content type", "oversized body",
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_bad_callback_is_refused_with_its_status_and_nothing_is_queued(string kind)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        var sender = system.WebhookSender;
        var store = system.StoreHash;
        var webhookId = "msg_" + Guid.NewGuid().ToString("N");
        var body = WebhookSender.OrderPayload(store, id);

        var (request, expected) = kind switch
        {
            "wrong store secret" => (sender.Build(body, store, webhookId, storeSecret: new string('0', 64)), HttpStatusCode.Unauthorized),
            "missing store secret" => (sender.Build(body, store, webhookId, omitStoreSecret: true), HttpStatusCode.Unauthorized),
            "another store's secret" => (sender.Build(body, "otherstore", webhookId), HttpStatusCode.Unauthorized),
            "wrong signing secret" => (sender.Build(body, store, webhookId, signingSecret: "not-the-client-secret"), HttpStatusCode.Unauthorized),
            "no signature" => (sender.Build(body, store, webhookId, signatureOverride: ""), HttpStatusCode.Unauthorized),
            "stale timestamp" => (sender.Build(body, store, webhookId, timestamp: DateTimeOffset.UtcNow.AddMinutes(-6)), HttpStatusCode.Unauthorized),
            "future timestamp" => (sender.Build(body, store, webhookId, timestamp: DateTimeOffset.UtcNow.AddMinutes(6)), HttpStatusCode.Unauthorized),
            "malformed signature" => (sender.Build(body, store, webhookId, signatureOverride: "sha256=abcdef"), HttpStatusCode.Unauthorized),
            "unknown store" => (sender.Build(WebhookSender.OrderPayload("neverinstalled", id), "neverinstalled", webhookId), HttpStatusCode.NotFound),
            "malformed JSON" => (sender.Build(body[..^3], store, webhookId), HttpStatusCode.BadRequest),
            "not a callback" => (sender.Build("""{"scope":"store/order/created","producer":"stores/x"}""", store, webhookId), HttpStatusCode.BadRequest),
            "wrong content type" => (sender.Build(body, store, webhookId, contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType),
            "oversized body" => (sender.Build(body[..^1] + ",\"pad\":\"" + new string('x', 70_000) + "\"}", store, webhookId), HttpStatusCode.RequestEntityTooLarge),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await sender.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Null(await system.LedgerAsync(id));
        Assert.Empty((await system.Admin.DeliveriesAsync(store)).Orders);
        Assert.Null(await ReceiptRows.FindAsync(system, store, webhookId));

        // The same webhook, sent properly, is acted on: the refusal left nothing behind.
        Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(sender.Build(body, store, webhookId))).StatusCode);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(store)).Order(id) is not null, "delivered", Settle);
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(store)).Order(id)!.Deliveries);
    }

    [Fact]
    public async Task With_storage_down_a_webhook_gets_503_and_is_taken_when_BigCommerce_retries()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        var sender = system.WebhookSender;
        var body = WebhookSender.OrderPayload(system.StoreHash, id);

        await azurite.StopAsync();
        HttpStatusCode whileDown;
        try
        {
            whileDown = (await sender.SendAsync(sender.Build(body, system.StoreHash, "msg_storage_down"))).StatusCode;
        }
        finally
        {
            await azurite.StartAsync();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown);
        Assert.Equal(HttpStatusCode.OK, (await sender.SendAsync(sender.Build(body, system.StoreHash, "msg_storage_down"))).StatusCode);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "delivered after the retry", Settle);
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id)!.Deliveries);
    }

    [Fact]
    public async Task The_poll_forgets_webhook_receipts_older_than_BigCommerces_retry_window_and_keeps_the_others()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var table = system.Table(TableNames.WebhookReceipts);
        var now = DateTimeOffset.UtcNow;
        foreach (var (id, age) in new[] { ("old-1", TimeSpan.FromDays(4)), ("old-2", TimeSpan.FromDays(30)), ("recent", TimeSpan.FromHours(47)) })
        {
            await table.UpsertEntityAsync(new TableEntity(system.StoreHash, id) { ["Scope"] = "store/order/created", ["DataId"] = 1L, ["ReceivedAt"] = now - age });
        }

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => !(await table.GetEntityIfExistsAsync<TableEntity>(system.StoreHash, "old-1")).HasValue, "old receipts forgotten", Settle);

        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(system.StoreHash, "old-2")).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(system.StoreHash, "recent")).HasValue, "a receipt BigCommerce may still retry is kept");
    }

    [Fact]
    public async Task A_webhook_sent_again_and_twice_at_once_is_delivered_once_for_one_BigCommerce_read()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        var sender = system.WebhookSender;
        var body = WebhookSender.OrderPayload(system.StoreHash, id);

        // Twice at once, then again once the first is handled: the endpoint queues every copy (it keeps no receipt),
        // and the worker's claim on the receipt lets one of them read the order (copies written together are one).
        var atOnce = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => sender.SendAsync(sender.Build(body, system.StoreHash, "msg_same"))));
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "delivered", Settle);
        await Eventually.TrueAsync(async () => await ReceiptStateAsync(system, "msg_same") == "done", "the receipt done", Settle);
        var again = await sender.SendAsync(sender.Build(body, system.StoreHash, "msg_same"));

        foreach (var response in atOnce.Append(again))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("queued", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Eventually.TrueAsync(async () => await QueuesEmptyAsync(system, QueueNames.Webhooks, QueueNames.Orders), "the copies worked off", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.Equal(1, stats["byEndpoint"]!["GET /orders/{id}"]!.GetValue<int>());
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id)!.Deliveries);
        Assert.Equal(0, (await system.Admin.DeliveriesAsync(system.StoreHash)).DuplicateAttempts);
    }

    private static async Task<bool> QueuesEmptyAsync(ConnectorSystem system, params string[] names)
    {
        foreach (var name in names)
        {
            if ((await system.Service<ConnectorStorage>().Queue(name).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<string?> ReceiptStateAsync(ConnectorSystem system, string webhookId) =>
        (await ReceiptRows.FindAsync(system, system.StoreHash, webhookId))?.GetString("State");

    [Theory]
    [InlineData("store/order/message/created", "order")]
    [InlineData("store/product/inventory/updated", "product")] // product/created, updated and deleted are the catalog flow's
    [InlineData("store/order/refund/created", "order")]
    public async Task An_event_the_connector_does_not_handle_is_acknowledged_and_ignored(string scope, string type)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        var sender = system.WebhookSender;
        var body = $$$"""{"created_at":1,"store_id":"1","producer":"stores/{{{system.StoreHash}}}","scope":"{{{scope}}}","data":{"type":"{{{type}}}","id":{{{id}}}}}""";

        var response = await sender.SendAsync(sender.Build(body, system.StoreHash));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Null(await system.LedgerAsync(id));
        Assert.Empty((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders);
    }

    [Fact]
    public async Task A_webhook_for_an_uninstalled_store_is_acknowledged_and_dropped()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.Service<Connector.Installations.InstallationRegistry>().MarkUninstalledAsync(system.StoreHash, CancellationToken.None);
        var sender = system.WebhookSender;

        var response = await sender.SendAsync(sender.Build(WebhookSender.OrderPayload(system.StoreHash, id), system.StoreHash));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Empty((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders);
    }

    [Fact]
    public async Task Only_POST_is_served()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);

        var response = await system.Connector.Http.GetAsync(new Uri(WebhookSender.OrdersPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
