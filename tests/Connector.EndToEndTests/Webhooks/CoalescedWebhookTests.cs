using System.Net;
using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Storage;
using Connector.Webhooks;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>
/// Webhooks coalesced: callbacks arriving together are one write at the endpoint, their receipts are claimed together
/// behind the queue, and the orders they name are read together, each delivered once. A copy of a callback costs no
/// BigCommerce call; a failed write answers 503 to every request in it; a worker failing after its claims is retried.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CoalescedWebhookTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);
    private const int Burst = 40;

    [Fact]
    public async Task A_burst_of_callbacks_with_copies_lands_every_order_once_for_far_fewer_reads_than_orders()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, Burst);
        await system.Admin.ResetStatsAsync();

        // Each callback twice at once (BigCommerce may deliver an event twice), all of them together.
        var callbacks = ids.Select(id => (Id: id, WebhookId: $"msg_burst_{id}")).ToList();
        var answers = await SendTogetherAsync(system, [.. callbacks, .. callbacks]);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        await AssertDeliveredOnceAsync(system, ids);
        await Eventually.TrueAsync(() => QueuesEmptyAsync(system), "the queues worked off", Settle);
        var reads = await OrderReadsAsync(system);
        Assert.True(reads <= Burst / 4, $"{reads} BigCommerce reads for {Burst} orders");

        // Sent again later: every receipt is done, so no copy costs a call.
        Assert.All(await SendTogetherAsync(system, callbacks), a => Assert.Equal(HttpStatusCode.OK, a));
        await Eventually.TrueAsync(() => QueuesEmptyAsync(system), "the copies worked off", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(reads, await OrderReadsAsync(system));
        await AssertDeliveredOnceAsync(system, ids);
    }

    [Fact]
    public async Task Callbacks_whose_shared_write_fails_are_all_answered_503_and_land_once_when_BigCommerce_retries()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 8);
        var callbacks = ids.Select(id => (Id: id, WebhookId: $"msg_outage_{id}")).ToList();

        // A first callback, so the store is verified from cache below and what fails is the shared write: storage is down.
        Assert.Equal(HttpStatusCode.OK, Assert.Single(await SendTogetherAsync(system, [(ids[0], "msg_outage_first")])));
        await azurite.StopAsync();
        IReadOnlyList<HttpStatusCode> whileDown;
        try
        {
            whileDown = await SendTogetherAsync(system, callbacks);
        }
        finally
        {
            await azurite.StartAsync();
        }

        Assert.All(whileDown, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a));
        Assert.All(await SendTogetherAsync(system, callbacks), a => Assert.Equal(HttpStatusCode.OK, a));
        await AssertDeliveredOnceAsync(system, ids);
    }

    [Fact]
    public async Task A_worker_failing_after_its_claims_is_retried_and_delivers_each_order_once()
    {
        // Attempts enough that the failing message is still there when the queue comes back.
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            // A store busy for the whole test: its callbacks go through the webhooks queue, none straight to orders.
            Settings = new Dictionary<string, string> { ["extensions:queues:maxDequeueCount"] = "100", ["Webhooks:CoalesceBusyWindow"] = "00:10:00" },
        });
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 6);
        var callbacks = ids.Select(id => (Id: id, WebhookId: $"msg_fails_{id}")).ToList();
        Assert.Equal(HttpStatusCode.OK, Assert.Single(await SendTogetherAsync(system, [(ids[0], "msg_fails_first")])));
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 1, "the first callback's order delivered", Settle);
        // The orders queue is gone: the worker claims the receipts, then cannot queue the orders, and throws.
        var orders = system.Service<ConnectorStorage>().Queue(QueueNames.Orders);
        await orders.DeleteAsync();

        Assert.All(await SendTogetherAsync(system, callbacks), a => Assert.Equal(HttpStatusCode.OK, a));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders);
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Webhooks));
        // The first order is delivered already: a batch holding only its callback is done without queuing anything,
        // however the endpoint grouped the six (it may split them when the machine is busy).
        foreach (var c in callbacks.Where(c => c.Id != ids[0]))
        {
            Assert.NotEqual("done", await ReceiptStateAsync(system, c.WebhookId));
        }

        await orders.CreateIfNotExistsAsync();

        await AssertDeliveredOnceAsync(system, ids);
        await Eventually.TrueAsync(async () => (await Task.WhenAll(callbacks.Select(c => ReceiptStateAsync(system, c.WebhookId)))).All(s => s == "done"), "the receipts done", Settle);
    }

    [Fact]
    public async Task A_batch_whose_worker_died_holding_its_claims_takes_them_back_and_a_copy_in_another_batch_costs_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 5);
        var callbacks = ids.Select(id => new AcceptedWebhook($"msg_died_{id}", system.StoreHash, "store/order/created", id, null, null)).ToList();
        // What a worker leaves when it dies between its claims and "done": the claims, naming its batch, within their lease.
        var now = DateTimeOffset.UtcNow;
        foreach (var callback in callbacks)
        {
            await system.Table(TableNames.WebhookReceipts).AddEntityAsync(new TableEntity(system.StoreHash, callback.WebhookId)
            {
                ["Scope"] = "order", ["DataId"] = callback.DataId, ["ReceivedAt"] = now, ["State"] = "acting", ["Holder"] = "batch-a",
                ["ActingUntil"] = now + WebhookReceipts.ActingLease,
            });
        }

        await system.Admin.ResetStatsAsync();
        // A copy of the same callbacks in another batch, while the claims stand: dropped.
        await system.Service<WorkQueue>().SendAsync(QueueNames.Webhooks, new WebhookBatchMessage("batch-b", callbacks), CancellationToken.None);
        await Eventually.TrueAsync(() => QueuesEmptyAsync(system), "the copy worked off", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders);

        // The dead worker's batch comes back (the queue's retry): it takes its claims back and delivers.
        await system.Service<WorkQueue>().SendAsync(QueueNames.Webhooks, new WebhookBatchMessage("batch-a", callbacks), CancellationToken.None);

        await AssertDeliveredOnceAsync(system, ids);
        await Eventually.TrueAsync(async () => (await Task.WhenAll(callbacks.Select(c => ReceiptStateAsync(system, c.WebhookId)))).All(s => s == "done"), "the receipts done", Settle);
        Assert.Equal(1, await OrderReadsAsync(system));
    }

    private static async Task<IReadOnlyList<HttpStatusCode>> SendTogetherAsync(ConnectorSystem system, IReadOnlyList<(long Id, string WebhookId)> callbacks)
    {
        var sender = system.WebhookSender;
        using var start = new SemaphoreSlim(0);
        var sends = callbacks.Select(async c =>
        {
            using var request = sender.Build(WebhookSender.OrderPayload(system.StoreHash, c.Id), system.StoreHash, c.WebhookId);
            await start.WaitAsync();
            using var response = await system.Connector.Http.SendAsync(request);
            return response.StatusCode;
        }).ToList();
        start.Release(callbacks.Count);
        return await Task.WhenAll(sends);
    }

    private static async Task AssertDeliveredOnceAsync(ConnectorSystem system, IReadOnlyList<long> ids)
    {
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == ids.Count, "every order delivered", Settle);
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.All(ids, id => Assert.Equal(1, deliveries.Order(id)!.Deliveries));
        Assert.Equal(0, deliveries.DuplicateAttempts);
    }

    /// <summary>BigCommerce reads of orders, by list or one by one.</summary>
    private static async Task<int> OrderReadsAsync(ConnectorSystem system)
    {
        var byEndpoint = (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!.AsObject();
        return byEndpoint.Where(e => e.Key is "GET /orders" or "GET /orders/{id}").Sum(e => e.Value!.GetValue<int>());
    }

    private static async Task<bool> QueuesEmptyAsync(ConnectorSystem system)
    {
        foreach (var name in new[] { QueueNames.Webhooks, QueueNames.Orders })
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
}
