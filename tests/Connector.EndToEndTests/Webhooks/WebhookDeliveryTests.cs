using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Orders;
using Connector.Webhooks;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>
/// Orders by webhook: the sandbox delivers BigCommerce's callbacks (payload, Standard Webhooks signature, the
/// subscription's custom headers, retries) to the connector's real endpoint, and the poll stays the safety net.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebhookDeliveryTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    private static ConnectorSystemOptions WithWebhooks => new() { Webhooks = true };

    /// <summary>Four order events, delivery exceptions, and shipments created (pulling BigCommerce's shipments is on by default).</summary>
    private const int Subscriptions = 6;

    [Fact]
    public async Task Registering_a_store_subscribes_it_to_the_order_and_shipment_events_with_its_secret_and_a_separate_delivery_exception_destination()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);

        var hooks = (await system.Admin.WebhooksAsync(system.StoreHash)).Select(h => h!.AsObject()).ToList();

        var orders = new Uri(system.Connector.BaseAddress, "api/webhooks/bigcommerce").ToString();
        var exceptions = new Uri(system.Connector.BaseAddress, "api/webhooks/bigcommerce/delivery-exception").ToString();
        Assert.Equal(
            [(WebhookScopes.DeliveryException, exceptions), (WebhookScopes.OrderArchived, orders), (WebhookScopes.OrderCreated, orders),
             (WebhookScopes.OrderStatusUpdated, orders), (WebhookScopes.OrderUpdated, orders), (WebhookScopes.ShipmentCreated, orders)],
            hooks.Select(h => (h["scope"]!.GetValue<string>(), h["destination"]!.GetValue<string>())).Order());
        var secret = WebhookStoreSecret.For(system.Sandbox.Options.App.ClientSecret, system.StoreHash);
        Assert.All(hooks, h =>
        {
            Assert.True(h["isActive"]!.GetValue<bool>());
            Assert.Equal(secret, h["headers"]![WebhookStoreSecret.HeaderName]!.GetValue<string>());
        });

        // A poll with everything in place changes nothing: two reads.
        await system.Admin.ResetStatsAsync();
        var asked = DateTimeOffset.UtcNow;
        await system.RunOrderPollAsync();
        // This poll finished, not only begun: the cursor's row is written before the run reads the hooks.
        await Eventually.TrueAsync(async () => (await system.Table(Storage.TableNames.SyncCursors).GetEntityIfExistsAsync<SyncCursor>(
            system.StoreHash, SyncCursors.OrdersFlow)) is { HasValue: true } cursor && cursor.Value?.CompletedRunStartedAt >= asked, "the poll ran", Settle);
        var byEndpoint = (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]!.AsObject();
        Assert.Equal(["GET /v3/hooks", "GET /v3/hooks/admin"], byEndpoint.Where(e => e.Key.Contains("hooks", StringComparison.Ordinal)).Select(e => e.Key).Order());
        Assert.All(byEndpoint.Where(e => e.Key.Contains("hooks", StringComparison.Ordinal)), e => Assert.Equal(1, e.Value!.GetValue<int>()));
        Assert.Equal(Subscriptions, (await system.Admin.WebhooksAsync(system.StoreHash)).Count);
    }

    [Fact]
    public async Task An_order_created_in_the_store_reaches_the_back_office_without_a_poll()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);

        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 10);

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 10,
            "10 orders delivered by webhook alone", Settle);
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(ids.Order(), deliveries.Orders.Select(o => o.OrderId).Order());
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Null(await system.Table(Storage.TableNames.SyncCursors).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(
            system.StoreHash, SyncCursors.OrdersFlow) is { HasValue: true } ? "polled" : null);
        var attempts = await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.OrderCreated);
        Assert.Equal(10, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public async Task Webhook_and_poll_driven_work_for_the_same_order_versions_reaches_the_back_office_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);
        await system.Admin.DuplicateNextWebhooksAsync(system.StoreHash, 10); // BigCommerce delivering at least once

        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 20);
        await system.RunOrderPollAsync(); // races the webhooks for the same versions
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 20, "20 orders delivered", Settle);
        // A change fires updated and statusUpdated: two webhooks, one new version.
        await system.Admin.ModifyOrderAsync(system.StoreHash, ids[0], statusId: 9);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(ids[0])?.Versions == 2, "the change delivered", Settle);
        await system.RunOrderPollAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Equal(20, deliveries.Orders.Count);
        Assert.All(deliveries.Orders, o => Assert.Equal(o.Versions, o.Deliveries));
        Assert.Equal(2, deliveries.Order(ids[0])!.Deliveries);
        Assert.Equal(0, deliveries.OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion);
        Assert.Equal(0, deliveries.InvalidSignature);
        var duplicates = (await system.Admin.WebhookDeliveriesAsync(system.StoreHash)).Where(a => a.Duplicate).ToList();
        Assert.NotEmpty(duplicates);
        Assert.All(duplicates, a => Assert.Equal(200, a.Status));
    }

    [Fact]
    public async Task A_deactivated_subscription_is_reactivated_by_the_next_poll_and_no_order_is_lost_in_the_gap()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);
        var created = HookOf(await system.Admin.WebhooksAsync(system.StoreHash), WebhookScopes.OrderCreated);
        await system.Admin.DeactivateWebhookAsync(system.StoreHash, created);

        var gap = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders);
        Assert.Empty(await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.OrderCreated));

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 3, "the gap's orders delivered by the poll", Settle);
        var hook = (await system.Admin.WebhooksAsync(system.StoreHash)).Single(h => h!["id"]!.GetValue<long>() == created)!;
        Assert.True(hook["isActive"]!.GetValue<bool>(), "reactivated in place");
        Assert.Equal(Subscriptions, (await system.Admin.WebhooksAsync(system.StoreHash)).Count);

        // Webhooks flow again.
        var after = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(after) is not null, "a new order delivered by webhook", Settle);
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.All(deliveries.Orders, o => Assert.Equal(1, o.Deliveries));
        Assert.Equal(gap.Append(after).Order(), deliveries.Orders.Select(o => o.OrderId).Order());
    }

    [Fact]
    public async Task A_delivery_exception_is_recorded_and_the_store_is_polled_at_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks);
        await system.Admin.SetWebhookSettingsAsync(enabled: false); // BigCommerce is failing to deliver
        var missed = await system.Admin.CreateOrdersAsync(system.StoreHash, 2);
        var hookId = HookOf(await system.Admin.WebhooksAsync(system.StoreHash), WebhookScopes.OrderCreated);

        var sender = system.WebhookSender;
        var response = await sender.SendAsync(sender.Build(WebhookSender.DeliveryExceptionPayload(system.StoreHash, hookId, 90001), system.StoreHash,
            path: WebhookSender.DeliveryExceptionPath));

        Assert.Equal(200, (int)response.StatusCode);
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 2, "the missed orders delivered by the poll", Settle);
        Assert.Equal(missed.Order(), (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Select(o => o.OrderId).Order());
        var installation = await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None);
        Assert.NotNull(installation!.LastDeliveryExceptionAt);
        Assert.Equal(90001, installation.LastDeliveryExceptionCode);
        Assert.Equal(1, installation.DeliveryExceptions);
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_on_BigCommerces_schedule_and_the_order_arrives_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks with { WebhookRetryScale = 0.005 });
        // The connector cannot queue for a moment (its queues are gone): it answers 503, BigCommerce retries.
        var queues = new[] { Hosting.QueueNames.Orders, Hosting.QueueNames.Webhooks }.Select(system.Service<Storage.ConnectorStorage>().Queue).ToList();
        await Task.WhenAll(queues.Select(q => q.DeleteAsync()));
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await Eventually.TrueAsync(async () => (await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.OrderCreated)).Count >= 1,
            "a first, failed attempt", Settle);
        // Nothing was remembered of the callback that could not be queued, so the retry is not taken for a duplicate.
        var eventId = (await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.OrderCreated))[0].EventId;
        Assert.Null(await ReceiptRows.FindAsync(system, system.StoreHash, eventId));
        await Task.WhenAll(queues.Select(q => q.CreateIfNotExistsAsync()));

        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "delivered after a retry", Settle);
        // The failed attempt also makes BigCommerce send store/hook/deliveryException, whose poll may bring the order
        // first; BigCommerce's retry still comes, is answered 200, and costs no second delivery.
        await Eventually.TrueAsync(async () => (await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.OrderCreated, id)).Any(a => a.Attempt > 1 && a.Succeeded),
            "BigCommerce's retry answered", Settle);
        var attempts = await system.Admin.WebhookDeliveriesAsync(system.StoreHash, WebhookScopes.OrderCreated, id);
        Assert.False(attempts[0].Succeeded);
        Assert.Contains(attempts, a => a.Attempt > 1 && a.Succeeded);
        Assert.Single(attempts.Select(a => a.EventId).Distinct());
        Assert.Equal(1, (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id)!.Deliveries);
    }

    [Fact]
    public async Task Installing_subscribes_the_store_and_uninstalling_leaves_nothing_subscribed()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, WithWebhooks with { ConnectStore = false });
        var authUrl = new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth");

        Assert.Equal(200, (await system.Admin.InstallAsync(system.StoreHash, authUrl))["callbackStatus"]!.GetValue<int>());
        Assert.Equal(Subscriptions, (await system.Admin.WebhooksAsync(system.StoreHash)).Count);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "delivered by webhook", Settle);

        var uninstall = await system.Admin.CallbackAsync(system.StoreHash, "uninstall", new Uri(system.Connector.BaseAddress, "api/bigcommerce/uninstall"));

        Assert.Equal(200, uninstall["status"]!.GetValue<int>());
        Assert.Empty(await system.Admin.WebhooksAsync(system.StoreHash));
        Assert.Equal(InstallationStatus.Uninstalled, (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!.Status);
    }

    private static long HookOf(JsonArray hooks, string scope) =>
        hooks.Single(h => h!["scope"]!.GetValue<string>() == scope)!["id"]!.GetValue<long>();
}
