using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Webhooks;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>
/// The webhook's receipt is claimed in the queue, not at the endpoint: a process that died after queueing a callback (no
/// receipt), or after its worker claimed the receipt (a claim left acting), still gets the order delivered once, and a
/// later copy of the webhook costs no BigCommerce call. The messages are put on the queue as the endpoint writes them.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class QueuedWebhookReceiptTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    /// <summary>The callback's <c>created_at</c>: every copy of it carries the same, and its receipt is kept under its day.</summary>
    private static readonly DateTimeOffset EventAt = DateTimeOffset.UtcNow.AddMinutes(-1);

    [Fact]
    public async Task A_callback_queued_by_a_process_that_died_before_any_receipt_is_delivered_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();

        await QueueCopyAsync(system, id, "msg_died_after_send", "copy-a");

        await Eventually.TrueAsync(async () => await ReceiptAsync(system, "msg_died_after_send") is { } r && r.GetString("State") == "done",
            "the receipt done", Settle);
        await AssertDeliveredOnceForOneReadAsync(system, id, webhookId: "msg_died_after_send");
    }

    [Fact]
    public async Task A_claim_left_acting_by_a_worker_that_died_is_taken_back_by_its_own_message_and_delivered_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        // What a worker leaves when it dies between its claim and "done": the claim, still within its lease.
        var now = DateTimeOffset.UtcNow;
        await system.Table(TableNames.WebhookReceipts).AddEntityAsync(new TableEntity(WebhookReceipts.PartitionOf(system.StoreHash, EventAt), "msg_died_acting")
        {
            ["Scope"] = "order", ["DataId"] = id, ["ReceivedAt"] = now, ["State"] = "acting", ["Holder"] = "copy-a",
            ["ActingUntil"] = now + WebhookReceipts.ActingLease,
        });

        // Its message comes back (the queue's retry), with the copy id the endpoint gave it.
        await QueueCopyAsync(system, id, "msg_died_acting", "copy-a");

        await AssertDeliveredOnceForOneReadAsync(system, id, webhookId: "msg_died_acting");
    }

    private static Task QueueCopyAsync(ConnectorSystem system, long orderId, string webhookId, string copy) =>
        system.Service<WorkQueue>().SendAsync(QueueNames.Orders,
            new OrderMessage(system.StoreHash, orderId, null, OrderSources.Webhook, webhookId, EventAt, CallbackCopy: copy), CancellationToken.None);

    /// <summary>Delivered once; then another copy of the same webhook (another copy id) is worked off without reading the order again.</summary>
    private static async Task AssertDeliveredOnceForOneReadAsync(ConnectorSystem system, long orderId, string webhookId)
    {
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(orderId) is not null, "delivered", Settle);
        await Eventually.TrueAsync(async () => await ReceiptAsync(system, webhookId) is { } r && r.GetString("State") == "done", "the receipt done", Settle);

        await QueueCopyAsync(system, orderId, webhookId, "copy-b");
        var queue = system.Service<ConnectorStorage>().Queue(QueueNames.Orders);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the copy worked off", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));

        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.Equal(1, stats["byEndpoint"]!["GET /orders/{id}"]!.GetValue<int>());
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(orderId)!.Deliveries);
        Assert.Equal("copy-a", (await ReceiptAsync(system, webhookId))!.GetString("Holder"));
    }

    private static async Task<TableEntity?> ReceiptAsync(ConnectorSystem system, string webhookId) =>
        (await system.Table(TableNames.WebhookReceipts).GetEntityIfExistsAsync<TableEntity>(WebhookReceipts.PartitionOf(system.StoreHash, EventAt), webhookId)) is { HasValue: true } row
            ? row.Value
            : null;
}
