using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Orders;
using Connector.Secrets;
using Connector.Testing;

namespace Connector.EndToEndTests.Orders;

/// <summary>What a merchant must be able to count on when BigCommerce, the back office or the data misbehave.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrderFaultTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task With_a_fifth_of_all_calls_failing_every_order_still_arrives_exactly_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateOrdersAsync(system.StoreHash, 60);
        // The poll reads the 60 orders in one list call (they travel with their messages): that call meets the faults.
        await system.Admin.SetFaultsAsync("bigcommerce", new { errorRate = 1.0, maxFaults = 2 });
        // Some answers are lost after the back office took the order: the retry then gets 409, which is delivered too.
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 0.15, lostResponseRate = 0.05 });

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted == 60, "60 orders delivered", Settle);
        await system.Admin.ClearFaultsAsync("bigcommerce");
        await system.Admin.ClearFaultsAsync("backoffice");
        await system.RunOrderPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(60, deliveries.Orders.Count);
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Equal(0, deliveries.OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion);
        Assert.Empty(await system.PoisonMessagesAsync("orders"));
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.True(stats["injectedFaults"]!["error"]!.GetValue<int>() > 0, "faults were injected");
    }

    [Fact]
    public async Task An_order_outlasting_a_back_office_outage_longer_than_five_attempts_arrives_once_without_going_to_poison()
    {
        // Rounds of 1 s, 2 s, 4 s stand in for the default 1 min, 2 min, 4 min … (about 3 hours in all).
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "4", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
        });
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(id))?.Attempts >= 7, "more attempts than one round has", Settle);
        await system.Admin.ClearFaultsAsync("backoffice");

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "delivered once the back office is back", Settle);
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id)!.Deliveries);
        Assert.Empty(await system.PoisonMessagesAsync("orders"));
        Assert.Equal(OrderLedgerStatus.Delivered, (await system.LedgerAsync(id))!.Status);
    }

    [Fact]
    public async Task A_poll_does_not_queue_again_the_orders_an_earlier_poll_queued_while_they_wait_for_the_back_office()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "2", ["Connector:QueueRetry:FirstDelay"] = "00:00:03" },
        });
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 5);
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });
        var cursors = system.Service<SyncCursors>();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await cursors.FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.LastResult?.Contains("enqueued 5") == true,
            "the first poll queued the 5 orders", Settle);
        // The orders are in the overlap of the next polls, still on their way to the back office.
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await cursors.FindAsync(system.StoreHash, SyncCursors.OrdersFlow, CancellationToken.None))?.LastResult?.Contains("enqueued 0") == true,
            "the second poll queued none of them again", Settle);
        await system.Admin.ClearFaultsAsync("backoffice");

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 5, "all 5 delivered", Settle);
        Assert.All((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Equal(ids.Order(), (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Select(o => o.OrderId).Order());
    }

    [Theory]
    [InlineData("html", "text/html")]
    [InlineData("missing-fields", "lacks")]
    [InlineData("wrong-types", "not the JSON the API documents")]
    public async Task A_malformed_order_ends_in_poison_after_5_attempts_with_a_clear_error_and_the_others_arrive(string corruption, string expected)
    {
        // Every callback as a quiet store's: straight to the orders queue, its order read on its own (a busy store's are
        // read together by list, which carries them whole, as the poll's page does).
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Webhooks:CoalesceBusyWindow"] = "00:00:00" },
        });
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 4);
        var broken = ids[1];
        await system.Admin.CorruptOrderAsync(system.StoreHash, broken, corruption);

        // Webhooks, not the poll: each event's order is read on its own (GET /orders/{id}, the answer that lies here),
        // where the poll's page carries its orders whole.
        foreach (var id in ids)
        {
            using var accepted = await system.WebhookSender.SendAsync(system.WebhookSender.Build(WebhookSender.OrderPayload(system.StoreHash, id), system.StoreHash));
            Assert.True(accepted.IsSuccessStatusCode, $"webhook for order {id} accepted");
        }

        await Eventually.TrueAsync(async () => (await system.PoisonMessagesAsync("orders")).Count == 1, "the broken order in orders-poison", Settle);

        var poison = Assert.Single(await system.PoisonMessagesAsync("orders"));
        Assert.Contains($"\"orderId\":{broken}", poison, StringComparison.Ordinal);
        var entry = (await system.LedgerAsync(broken))!;
        Assert.Equal(OrderLedgerStatus.Failing, entry.Status);
        Assert.Equal(5, entry.Attempts);
        Assert.Contains(expected, entry.LastError, StringComparison.Ordinal);
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(ids.Where(id => id != broken).Order(), deliveries.Orders.Select(o => o.OrderId).Order());
        Assert.True((await system.Connector.Http.GetAsync(new Uri("/api/health", UriKind.Relative))).IsSuccessStatusCode, "the host is still up");
    }

    [Fact]
    public async Task A_store_whose_token_BigCommerce_refuses_is_marked_for_reauthorization_and_left_alone()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        // The merchant deleted the API account in the control panel: the token the vault holds is dead.
        await system.Service<StoreTokenVault>().SaveAsync(system.StoreHash, "revoked-token", CancellationToken.None);
        await system.Admin.ResetStatsAsync();

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () =>
            (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))?.Status == InstallationStatus.NeedsReauth,
            "the installation marked needs-reauth", Settle);
        var callsAfterFirstPoll = (await system.Admin.StoreStatsAsync(system.StoreHash))["requests"]!.GetValue<int>();
        await system.RunOrderPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, callsAfterFirstPoll);
        Assert.Equal(callsAfterFirstPoll, (await system.Admin.StoreStatsAsync(system.StoreHash))["requests"]!.GetValue<int>());
        Assert.Empty((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders);
    }

    [Fact]
    public async Task A_store_whose_token_is_missing_from_Key_Vault_is_marked_for_reauthorization_not_poisoned()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateOrdersAsync(system.StoreHash, 2);
        (await system.SandboxHttp.DeleteAsync(new Uri($"_admin/keyvault/secrets/{StoreTokenVault.SecretName(system.StoreHash)}", UriKind.Relative))).EnsureSuccessStatusCode();
        system.Service<StoreTokenVault>().Forget(system.StoreHash);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () =>
            (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))?.Status == InstallationStatus.NeedsReauth,
            "the installation marked needs-reauth", Settle);

        Assert.Empty(await system.PoisonMessagesAsync("store-sync"));
        Assert.Contains("no access token", (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!.LastError, StringComparison.Ordinal);
    }
}
