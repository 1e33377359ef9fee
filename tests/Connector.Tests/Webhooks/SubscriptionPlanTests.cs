using Connector.BigCommerce;
using Connector.Webhooks;

namespace Connector.Tests.Webhooks;

public sealed class SubscriptionPlanTests
{
    private static readonly Uri Base = new("https://connector.example.com/");
    private const string Secret = "store-secret";
    private const string Orders = "https://connector.example.com/api/webhooks/bigcommerce";
    private const string Exceptions = "https://connector.example.com/api/webhooks/bigcommerce/delivery-exception";

    private static readonly IReadOnlyList<DesiredHook> Desired = SubscriptionPlan.Desired(Base, Secret);

    private static V3Webhook Hook(long id, string scope, string destination = Orders, bool active = true, string? secret = Secret) => new()
    {
        Id = id,
        Scope = scope,
        Destination = destination,
        IsActive = active,
        Headers = secret is null ? null : new Dictionary<string, string> { [WebhookStoreSecret.HeaderName] = secret },
    };

    /// <summary>Everything as it should be.</summary>
    private static List<V3Webhook> Complete() =>
    [
        Hook(1, WebhookScopes.OrderCreated),
        Hook(2, WebhookScopes.OrderUpdated),
        Hook(3, WebhookScopes.OrderStatusUpdated),
        Hook(4, WebhookScopes.OrderArchived),
        Hook(5, WebhookScopes.DeliveryException, Exceptions),
    ];

    [Fact]
    public void The_connector_wants_the_order_events_and_delivery_exceptions_on_its_own_destination_with_the_store_secret()
    {
        Assert.Equal(
            [(WebhookScopes.OrderCreated, Orders), (WebhookScopes.OrderUpdated, Orders), (WebhookScopes.OrderStatusUpdated, Orders),
             (WebhookScopes.OrderArchived, Orders), (WebhookScopes.DeliveryException, Exceptions)],
            Desired.Select(d => (d.Scope, d.Destination)));
        Assert.All(Desired, d => Assert.Equal(Secret, d.Headers[WebhookStoreSecret.HeaderName]));
    }

    [Fact]
    public void A_store_without_subscriptions_gets_every_one_created()
    {
        var changes = SubscriptionPlan.Decide(Desired, []);

        Assert.Equal(Desired, changes.Cast<CreateHook>().Select(c => c.Hook));
    }

    [Fact]
    public void A_store_with_everything_in_place_needs_no_change()
    {
        Assert.Empty(SubscriptionPlan.Decide(Desired, Complete()));
    }

    [Fact]
    public void A_deactivated_subscription_is_reactivated_in_place()
    {
        var current = Complete();
        current[1] = Hook(2, WebhookScopes.OrderUpdated, active: false);

        var change = Assert.Single(SubscriptionPlan.Decide(Desired, current));

        Assert.Equal(new UpdateHook(2, Desired[1], Reactivates: true), change);
    }

    [Fact]
    public void A_subscription_with_an_old_or_missing_secret_gets_the_current_one()
    {
        var current = Complete();
        current[0] = Hook(1, WebhookScopes.OrderCreated, secret: "before-the-client-secret-was-rotated");
        current[4] = Hook(5, WebhookScopes.DeliveryException, Exceptions, secret: null);

        var changes = SubscriptionPlan.Decide(Desired, current);

        Assert.Equal([new UpdateHook(1, Desired[0], false), new UpdateHook(5, Desired[4], false)], changes);
    }

    [Fact]
    public void A_subscription_at_an_old_public_address_is_moved_not_duplicated()
    {
        var current = Complete();
        current[0] = Hook(1, WebhookScopes.OrderCreated, "https://old-name.azurewebsites.net/api/webhooks/bigcommerce");

        var change = Assert.Single(SubscriptionPlan.Decide(Desired, current));

        Assert.Equal(new UpdateHook(1, Desired[0], false), change);
    }

    [Fact]
    public void Duplicates_are_deleted_keeping_the_one_already_right()
    {
        var current = Complete();
        current.Add(Hook(9, WebhookScopes.OrderCreated, active: false));
        current.Add(Hook(0, WebhookScopes.OrderCreated, "https://old.example.com/api/webhooks/bigcommerce"));

        var changes = SubscriptionPlan.Decide(Desired, current);

        Assert.Equal([new DeleteHook(0, WebhookScopes.OrderCreated), new DeleteHook(9, WebhookScopes.OrderCreated)], changes);
    }

    [Fact]
    public void Subscriptions_of_the_connector_for_events_it_no_longer_wants_are_deleted()
    {
        var current = Complete();
        current.Add(Hook(7, "store/product/updated"));

        Assert.Equal([new DeleteHook(7, "store/product/updated")], SubscriptionPlan.Decide(Desired, current));
    }

    [Fact]
    public void Subscriptions_to_other_destinations_are_left_alone()
    {
        var current = Complete();
        current.Add(Hook(20, WebhookScopes.OrderCreated, "https://another-app.example.com/hooks"));
        current.Add(Hook(21, "store/product/updated", "https://another-app.example.com/api/webhooks/other"));

        Assert.Empty(SubscriptionPlan.Decide(Desired, current));
        Assert.Equal(5, SubscriptionPlan.RemoveAll(current).Count);
    }

    [Fact]
    public void Uninstall_deletes_every_subscription_of_the_connector_and_only_those()
    {
        var current = Complete();
        current.Add(Hook(20, WebhookScopes.OrderCreated, "https://another-app.example.com/hooks"));

        Assert.Equal([1L, 2, 3, 4, 5], SubscriptionPlan.RemoveAll(current).Cast<DeleteHook>().Select(d => d.Id));
    }

    [Fact]
    public void A_mixed_state_is_brought_right_in_one_plan()
    {
        List<V3Webhook> current =
        [
            Hook(1, WebhookScopes.OrderCreated, active: false),
            Hook(3, WebhookScopes.OrderStatusUpdated, secret: "old"),
            Hook(6, WebhookScopes.OrderStatusUpdated),
            Hook(5, WebhookScopes.DeliveryException, Orders), // at the orders path: must move to its own destination
        ];

        var changes = SubscriptionPlan.Decide(Desired, current);

        Assert.Equal(
        [
            new UpdateHook(1, Desired[0], true),
            new CreateHook(Desired[1]),
            new CreateHook(Desired[3]),
            new UpdateHook(5, Desired[4], false),
            new DeleteHook(3, WebhookScopes.OrderStatusUpdated), // the duplicate with the old secret; 6 is already right
        ], changes);
    }

    private static readonly IReadOnlyList<DesiredHook> Pulling = SubscriptionPlan.Desired(Base, Secret, pullShipments: true);

    [Fact]
    public void A_store_pulling_BigCommerces_shipments_also_wants_shipments_created_on_the_orders_destination()
    {
        Assert.Equal([.. Desired, new DesiredHook(WebhookScopes.ShipmentCreated, Orders, Desired[0].Headers)], Pulling, new HookComparer());
        Assert.DoesNotContain(Desired, d => d.Scope.StartsWith("store/shipment/", StringComparison.Ordinal));
    }

    [Fact]
    public void Turning_pulling_on_creates_the_shipment_subscription_only()
    {
        var change = Assert.Single(SubscriptionPlan.Decide(Pulling, Complete()));

        Assert.Equal(new CreateHook(Pulling[5]), change);
    }

    [Fact]
    public void A_store_pulling_with_everything_in_place_needs_no_change()
    {
        var current = Complete();
        current.Add(Hook(6, WebhookScopes.ShipmentCreated));

        Assert.Empty(SubscriptionPlan.Decide(Pulling, current));
    }

    [Fact]
    public void Turning_pulling_off_deletes_the_shipment_subscription()
    {
        var current = Complete();
        current.Add(Hook(6, WebhookScopes.ShipmentCreated));

        Assert.Equal([new DeleteHook(6, WebhookScopes.ShipmentCreated)], SubscriptionPlan.Decide(Desired, current));
    }

    [Fact]
    public void A_deactivated_shipment_subscription_is_reactivated_and_one_with_an_old_secret_updated()
    {
        var deactivated = Complete();
        deactivated.Add(Hook(6, WebhookScopes.ShipmentCreated, active: false));
        var oldSecret = Complete();
        oldSecret.Add(Hook(6, WebhookScopes.ShipmentCreated, secret: "old"));

        Assert.Equal([new UpdateHook(6, Pulling[5], Reactivates: true)], SubscriptionPlan.Decide(Pulling, deactivated));
        Assert.Equal([new UpdateHook(6, Pulling[5], Reactivates: false)], SubscriptionPlan.Decide(Pulling, oldSecret));
    }

    [Fact]
    public void Another_apps_shipment_subscription_is_left_alone_whether_pulling_or_not()
    {
        var current = Complete();
        current.Add(Hook(30, WebhookScopes.ShipmentCreated, "https://another-app.example.com/hooks"));

        Assert.Empty(SubscriptionPlan.Decide(Desired, current));
        Assert.Equal([new CreateHook(Pulling[5])], SubscriptionPlan.Decide(Pulling, current));
    }

    /// <summary>Records compare their header dictionaries by reference; these compare by content.</summary>
    private sealed class HookComparer : IEqualityComparer<DesiredHook>
    {
        public bool Equals(DesiredHook? x, DesiredHook? y) =>
            x is not null && y is not null && x.Scope == y.Scope && x.Destination == y.Destination && x.Headers.OrderBy(h => h.Key).SequenceEqual(y.Headers.OrderBy(h => h.Key));

        public int GetHashCode(DesiredHook obj) => HashCode.Combine(obj.Scope, obj.Destination);
    }
}
