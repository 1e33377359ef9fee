using Connector.EndToEndTests.Infrastructure;

namespace Connector.EndToEndTests.ManyInstances;

/// <summary>
/// Azure runs the queue functions on many instances at once; the store's quota is one. Three connector instances on one
/// storage account work off one store's backlog together and stay within its quota.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SharedQuotaTests(AzuriteFixture azurite)
{
    /// <remarks>With <c>ShareQuotaAcrossInstances</c> off (each process pacing itself alone) the same run got 40 429s.</remarks>
    [Fact]
    public async Task Three_instances_working_one_stores_backlog_together_get_no_429()
    {
        // A small quota and a short window, so the backlog spans many windows and every instance meets their edges.
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Quota = 20,
            WindowMs = 1000,
            Settings = new Dictionary<string, string>
            {
                ["BigCommerce:QuotaReserve"] = "2",
            },
        });
        await system.StartAnotherInstanceAsync();
        await system.StartAnotherInstanceAsync();
        var orders = await system.Admin.CreateOrdersAsync(system.StoreHash, 120);
        await system.Admin.ResetStatsAsync();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == orders.Count,
            "every order delivered", TimeSpan.FromSeconds(90));

        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(0, stats["rateLimited"]!.GetValue<int>());
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
    }
}
