using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Testing;

namespace Connector.EndToEndTests.Orders;

/// <summary>
/// The poll delivers orders from the list page's own data (line items and addresses embedded): no read per order, still
/// one message per order. Only an order the page cannot carry whole (more than 50 line items) costs its own reads.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrdersByPageTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_hundred_orders_are_delivered_whole_from_two_list_pages_without_a_read_per_order()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 300, lineItems: 3);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted >= 300, "300 orders delivered", Settle);

        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.Equal(0, stats["byEndpoint"]!["GET /orders/{id}"]!.GetValue<int>());
        // Pages of 250, keyset by date_modified then id (orders made in one second share it), and the empty page that ends it.
        var listCalls = stats["byEndpoint"]!["GET /orders"]!.GetValue<int>();
        Assert.True(listCalls <= 0.02 * 300, $"{listCalls} list calls for 300 orders: more than 0.02 per order");
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(300, deliveries.Orders.Count);
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        var sample = (await system.Admin.ReceivedOrderAsync(system.StoreHash, ids[^1]))!;
        Assert.Equal(3, sample["lines"]!.AsArray().Count);
        Assert.NotNull(sample["billing_address"]);
    }

    [Fact]
    public async Task An_order_with_500_line_items_is_read_on_its_own_and_arrives_whole()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var small = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 2)).Single();
        var huge = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 500)).Single();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => await system.Admin.ReceivedOrderAsync(system.StoreHash, huge) is not null
                                               && await system.Admin.ReceivedOrderAsync(system.StoreHash, small) is not null, "both orders received", Settle);

        Assert.Equal(500, (await system.Admin.ReceivedOrderAsync(system.StoreHash, huge))!["lines"]!.AsArray().Count);
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.Equal(1, stats["byEndpoint"]!["GET /orders/{id}"]!.GetValue<int>()); // the big one; the small came with the page
        Assert.InRange(stats["byEndpoint"]!["GET /orders/{id}/products"]!.GetValue<int>(), 2, 3); // 500 lines in pages of 250, maybe an empty last
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Orders));
    }
}
