using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Installations;
using Connector.Orders;
using Connector.Storage;
using Connector.Testing;

namespace Connector.EndToEndTests.Orders;

/// <summary>
/// A store loses its token (revoked, or the app uninstalled) while its orders wait in the queue for a back office that
/// is down; it is authorized again. Every order changed since the store last delivered reaches the back office, once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReauthorizationTests(AzuriteFixture azurite)
{
    private const int Backlog = 10;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    /// <summary>Retry rounds of seconds stand in for the default minutes, so the backlog outlives its first five attempts.</summary>
    private static ConnectorSystemOptions Options(bool connectStore) => new()
    {
        ConnectStore = connectStore,
        Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "8", ["Connector:QueueRetry:FirstDelay"] = "00:00:01", ["Connector:QueueRetry:MaxDelay"] = "00:00:02" },
    };

    [Fact]
    public async Task Orders_queued_during_a_back_office_outage_reach_it_once_after_the_token_is_revoked_and_the_store_registered_again()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, Options(connectStore: true));
        var backlog = await QueueBacklogDuringOutageAsync(system);

        await system.Admin.RevokeTokenAsync(system.StoreHash);
        // The backlog travels with its orders (read from the poll's page) and asks BigCommerce nothing: the next poll is
        // what finds the token refused.
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await InstallationStatusAsync(system)) == InstallationStatus.NeedsReauth, "the store marked needs-reauth", Settle);
        await OrdersQueueDrainedAsync(system);
        await AssertWaitingForStoreAsync(system, backlog);

        await system.Admin.ClearFaultsAsync("backoffice");
        var registered = await system.RegisterApiAccountAsync(system.StoreHash, await system.Admin.StoreTokenAsync(system.StoreHash));
        registered.EnsureSuccessStatusCode();

        await AssertEveryOrderArrivesOnceAsync(system, backlog);
    }

    [Fact]
    public async Task Orders_queued_during_a_back_office_outage_reach_it_once_after_the_app_is_uninstalled_and_installed_again()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, Options(connectStore: false));
        var authUrl = new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth");
        Assert.Equal(200, (await system.Admin.InstallAsync(system.StoreHash, authUrl))["callbackStatus"]!.GetValue<int>());
        var backlog = await QueueBacklogDuringOutageAsync(system);

        var uninstall = await system.Admin.CallbackAsync(system.StoreHash, "uninstall", new Uri(system.Connector.BaseAddress, "api/bigcommerce/uninstall"));
        Assert.Equal(200, uninstall["status"]!.GetValue<int>());
        await OrdersQueueDrainedAsync(system);
        await AssertWaitingForStoreAsync(system, backlog);

        await system.Admin.ClearFaultsAsync("backoffice");
        Assert.Equal(200, (await system.Admin.InstallAsync(system.StoreHash, authUrl))["callbackStatus"]!.GetValue<int>());

        await AssertEveryOrderArrivesOnceAsync(system, backlog);
    }

    /// <summary>Orders polled while the back office fails: queued, each attempted at least once, the watermark past them.</summary>
    private static async Task<IReadOnlyList<long>> QueueBacklogDuringOutageAsync(ConnectorSystem system)
    {
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, Backlog);
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () =>
        {
            foreach (var id in ids)
            {
                if ((await system.LedgerAsync(id))?.Attempts is not > 0)
                {
                    return false;
                }
            }

            return true;
        }, "every order of the backlog tried and failed", Settle);
        return ids;
    }

    /// <summary>Every message of the backlog was taken off the queue (counting hidden ones): dropped, or kept some other way.</summary>
    private static async Task OrdersQueueDrainedAsync(ConnectorSystem system)
    {
        var queue = system.Service<ConnectorStorage>().Queue(QueueNames.Orders);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the orders queue empty", Settle);
    }

    /// <summary>
    /// Polls as the timer would, then a new order arrives and is polled too (its version moves the watermark on): every
    /// order of the backlog and the new one end at the back office, one delivery each, and delivered on the ledger.
    /// </summary>
    private static async Task AssertEveryOrderArrivesOnceAsync(ConnectorSystem system, IReadOnlyList<long> backlog)
    {
        await PollAndWaitAsync(system);
        var later = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await PollAndWaitAsync(system);

        var expected = backlog.Append(later).ToList();
        try
        {
            await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count >= expected.Count, "every order delivered", TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            // Reported below with the orders that never arrived.
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // a late duplicate would show now
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        var lost = expected.Where(id => deliveries.Order(id) is null).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {expected.Count} orders never reached the back office: {string.Join(", ", lost)}");
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Equal(0, deliveries.OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion);
        foreach (var id in expected)
        {
            await Eventually.TrueAsync(async () => (await system.LedgerAsync(id))?.Status == OrderLedgerStatus.Delivered, $"order {id} delivered on the ledger", Settle);
        }

        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.Orders));
    }

    /// <summary>What the merchant sees meanwhile: each order of the backlog waits for the store.</summary>
    private static async Task AssertWaitingForStoreAsync(ConnectorSystem system, IReadOnlyList<long> backlog)
    {
        foreach (var id in backlog)
        {
            var entry = await system.LedgerAsync(id);
            Assert.Equal(OrderLedgerStatus.WaitingForStore, entry!.Status);
            Assert.NotNull(entry.ParkedAt);
        }
    }

    private static async Task PollAndWaitAsync(ConnectorSystem system)
    {
        var cursors = system.Service<SyncCursors>();
        var before = (await cursors.FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.LastRunAt;
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await cursors.FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.LastRunAt != before,
            "the poll ran", Settle);
    }

    private static async Task<string?> InstallationStatusAsync(ConnectorSystem system) =>
        (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))?.Status;
}
