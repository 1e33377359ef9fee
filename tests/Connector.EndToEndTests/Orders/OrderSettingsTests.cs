using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;
using Connector.Stores;

namespace Connector.EndToEndTests.Orders;

/// <summary>The per-store order settings of the peers' connectors, through the whole system.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrderSettingsTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Unpaid_and_incomplete_orders_wait_until_they_reach_a_status_to_pull()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var paid = await system.Admin.CreateOrdersAsync(system.StoreHash, 2, statusId: 11);
        var unpaid = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 7)).Single();
        var incomplete = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 0)).Single();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 2, "paid orders delivered", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(paid.Order(), (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Select(o => o.OrderId).Order());

        await system.Admin.ModifyOrderAsync(system.StoreHash, unpaid, statusId: 11);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(unpaid) is not null, "the order delivered once paid", Settle);
        Assert.Null((await system.Admin.DeliveriesAsync(system.StoreHash)).Order(incomplete));
    }

    [Fact]
    public async Task Only_the_listed_orders_flow_while_a_merchant_tries_the_connection()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 5);
        await system.Service<StoreSettings>().SaveOrderSettingsAsync(system.StoreHash, new OrderSettings { OnlyOrderIds = [ids[1], ids[4]] }, CancellationToken.None);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 2, "the two listed orders delivered", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(new[] { ids[1], ids[4] }.Order(), (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Select(o => o.OrderId).Order());
    }

    [Fact]
    public async Task Once_delivered_an_order_moves_to_the_write_back_status_and_that_change_is_not_sent_back()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, statusId: 11)).Single();
        await system.Service<StoreSettings>().SaveOrderSettingsAsync(system.StoreHash,
            new OrderSettings { WriteBackStatusId = 9, WriteBackFromStatusIds = [11] }, CancellationToken.None);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.GetOrderAsync(system.StoreHash, id))["order"]!["status_id"]!.GetValue<int>() == 9,
            "the order moved to Awaiting Shipment", Settle);
        await system.RunOrderPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var delivered = (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id)!;
        Assert.Equal(1, delivered.Deliveries);
        Assert.Equal(11, (await system.Admin.ReceivedOrderAsync(system.StoreHash, id))!["status"]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task Orders_created_before_the_store_was_connected_are_left_alone()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var before = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await system.Service<StoreSettings>().SaveOrderSettingsAsync(system.StoreHash,
            new OrderSettings { ExcludeCreatedBefore = DateTimeOffset.UtcNow }, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var after = await system.Admin.CreateOrdersAsync(system.StoreHash, 2);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 2, "the new orders delivered", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(after.Order(), (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Select(o => o.OrderId).Order());
        Assert.DoesNotContain((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders, o => before.Contains(o.OrderId));
    }
}
