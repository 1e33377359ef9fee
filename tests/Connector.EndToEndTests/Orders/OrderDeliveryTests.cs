using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;

namespace Connector.EndToEndTests.Orders;

/// <summary>Orders from the sandbox store to the sandbox back office through the real connector, queues and tables.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrderDeliveryTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_order_reaches_the_back_office_exactly_once_and_a_second_poll_sends_nothing_again()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateOrdersAsync(system.StoreHash, 40);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 40,
            "40 orders delivered", Settle);
        await system.RunOrderPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(40, deliveries.Orders.Count);
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Equal(0, deliveries.DuplicateAttempts);
        Assert.Equal(0, deliveries.InvalidSignature);
        Assert.Equal(0, deliveries.InvalidRequests);
        var entry = await system.LedgerAsync(deliveries.Orders[0].OrderId);
        Assert.Equal(OrderLedgerStatus.Delivered, entry!.Status);
        Assert.Equal(deliveries.Orders[0].LastModifiedAt, entry.DeliveredModifiedAt);
    }

    [Fact]
    public async Task Many_workers_holding_the_same_order_version_send_it_to_the_back_office_once()
    {
        // As when a webhook, its duplicate, a second event of the same change and the poll all bring one order at once.
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        var queue = system.Service<Storage.WorkQueue>();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(n => queue.SendAsync(Hosting.QueueNames.Orders,
            new OrderMessage(system.StoreHash, id, null, OrderSources.Webhook, $"race-{n}"), CancellationToken.None)));

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "delivered", Settle);
        await Eventually.TrueAsync(async () => await QueueIsEmptyAsync(system), "every message handled", Settle);

        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(1, deliveries.Order(id)!.Deliveries);
        Assert.Equal(0, deliveries.DuplicateAttempts);
        var entry = await system.LedgerAsync(id);
        Assert.Null(entry!.ClaimedBy);
    }

    [Fact]
    public async Task Many_sync_requests_for_one_store_at_once_cost_one_run_and_a_later_request_runs_again()
    {
        // Timers, delivery exceptions and resyncs can ask for a store's sync many times over; each run is complete.
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        await system.Admin.ResetStatsAsync();
        var queue = system.Service<Storage.WorkQueue>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(n => queue.SendAsync(Hosting.QueueNames.StoreSync,
            StoreSyncMessage.Request(system.StoreHash, SyncCursors.OrdersFlow, $"burst-{n}", DateTimeOffset.UtcNow), CancellationToken.None)));

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 3, "3 orders delivered", Settle);
        await Eventually.TrueAsync(async () => await QueueIsEmptyAsync(system, Hosting.QueueNames.StoreSync), "every sync request handled", Settle);
        Assert.Equal(1, (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!["GET /orders"]!.GetValue<int>());

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!["GET /orders"]!.GetValue<int>() == 2,
            "a request made after the run finished gets a run of its own", Settle);
    }

    private static async Task<bool> QueueIsEmptyAsync(ConnectorSystem system, string queue = Hosting.QueueNames.Orders)
    {
        var properties = await system.Service<Storage.ConnectorStorage>().Queue(queue).GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount == 0;
    }

    [Fact]
    public async Task The_back_office_receives_the_order_as_the_store_has_it()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 3)).Single();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => await system.Admin.ReceivedOrderAsync(system.StoreHash, id) is not null, "order received", Settle);

        var received = (await system.Admin.ReceivedOrderAsync(system.StoreHash, id))!;
        var stored = await system.Admin.GetOrderAsync(system.StoreHash, id);
        var order = stored["order"]!.AsObject();
        Assert.Equal(system.StoreHash, received["store_hash"]!.GetValue<string>());
        Assert.Equal(id, received["order_id"]!.GetValue<long>());
        Assert.Equal(11, received["status"]!["id"]!.GetValue<int>());
        Assert.Equal(decimal.Parse(order["total_inc_tax"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            received["totals"]!["total_inc_tax"]!.GetValue<decimal>());
        Assert.Equal(order["billing_address"]!["street_1"]!.GetValue<string>(), received["billing_address"]!["street1"]!.GetValue<string>());
        var skus = stored["products"]!.AsArray().Select(p => p!["sku"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(skus, received["lines"]!.AsArray().Select(l => l!["sku"]!.GetValue<string>()).Order().ToList());
        var shipment = Assert.Single(received["shipments"]!.AsArray());
        Assert.Equal(3, shipment!["line_ids"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_order_with_more_line_items_than_BigCommerce_embeds_arrives_whole()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 60)).Single();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => await system.Admin.ReceivedOrderAsync(system.StoreHash, id) is not null, "order received", Settle);

        var received = (await system.Admin.ReceivedOrderAsync(system.StoreHash, id))!;
        Assert.Equal(60, received["lines"]!.AsArray().Count);
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.Equal(1, stats["byEndpoint"]!["GET /orders/{id}/products"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_modified_order_is_delivered_again_as_a_new_version_and_the_others_are_not()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateOrdersAsync(system.StoreHash, 5);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 5, "5 orders delivered", Settle);
        var changed = (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders[2].OrderId;

        await system.Admin.ModifyOrderAsync(system.StoreHash, changed, statusId: 9, customerMessage: "Please gift wrap");
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 6, "the new version delivered", Settle);

        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(2, deliveries.Order(changed)!.Versions);
        Assert.All(deliveries.Orders.Where(o => o.OrderId != changed), o => Assert.Equal(1, o.Deliveries));
        var received = (await system.Admin.ReceivedOrderAsync(system.StoreHash, changed))!;
        Assert.Equal("Please gift wrap", received["customer_message"]!.GetValue<string>());
        Assert.Equal(9, received["status"]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_order_the_back_office_rejects_is_recorded_with_its_reason_and_does_not_hold_up_the_others()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 6);
        var refused = ids[3];
        await system.Admin.RejectOrdersAsync(system.StoreHash, [refused], 422, "SKU not set up in the ERP");

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 5, "the other 5 delivered", Settle);
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(refused))?.Status == OrderLedgerStatus.Rejected, "the rejection recorded", Settle);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var entry = (await system.LedgerAsync(refused))!;
        Assert.Contains("SKU not set up in the ERP", entry.LastError, StringComparison.Ordinal);
        Assert.Contains("422", entry.LastError, StringComparison.Ordinal);
        // Refused once, not retried: a permanent answer is not asked again.
        Assert.Single((await system.Admin.DeliveriesAsync(system.StoreHash)).Rejections, r => r.OrderId == refused);
        Assert.Empty(await system.PoisonMessagesAsync("orders"));
    }
}
