using Connector.BigCommerce;

namespace Connector.Webhooks;

/// <summary>One subscription the connector wants: an event, where it goes, and the headers it carries.</summary>
public sealed record DesiredHook(string Scope, string Destination, IReadOnlyDictionary<string, string> Headers);

public abstract record HookChange;

public sealed record CreateHook(DesiredHook Hook) : HookChange;

/// <summary>Reactivate a deactivated subscription and/or bring its destination and headers up to date.</summary>
public sealed record UpdateHook(long Id, DesiredHook Hook, bool Reactivates) : HookChange;

public sealed record DeleteHook(long Id, string Scope) : HookChange;

/// <summary>
/// What to change so that a store has exactly the subscriptions the connector wants, decided from the current list
/// alone (a pure function, so every case is unit-tested). A subscription is the connector's when its destination's path
/// is one of the connector's webhook paths, whatever the host (a changed public base URL moves it, not duplicates it);
/// subscriptions of other destinations are left alone.
/// </summary>
public static class SubscriptionPlan
{
    /// <param name="pullShipments">
    /// The store pulls BigCommerce's shipments: its shipment events are wanted too (on the orders route, so that turning
    /// pulling off makes them "ours, no longer wanted" and deletes them).
    /// </param>
    /// <param name="pullCatalog">The store's catalog flow is on (and the app may read products): its product and SKU events are wanted, on the orders route.</param>
    public static IReadOnlyList<DesiredHook> Desired(Uri publicBaseUrl, string storeSecret, bool pullShipments = false, bool pullCatalog = false)
    {
        var headers = new Dictionary<string, string> { [WebhookStoreSecret.HeaderName] = storeSecret };
        var orders = Destination(publicBaseUrl, WebhookScopes.OrdersRoute);
        return
        [
            .. WebhookScopes.Orders.Select(scope => new DesiredHook(scope, orders, headers)),
            new DesiredHook(WebhookScopes.DeliveryException, Destination(publicBaseUrl, WebhookScopes.DeliveryExceptionRoute), headers),
            .. (pullShipments ? WebhookScopes.Shipments : []).Select(scope => new DesiredHook(scope, orders, headers)),
            .. (pullCatalog ? WebhookScopes.Catalog : []).Select(scope => new DesiredHook(scope, orders, headers)),
        ];
    }

    public static string Destination(Uri publicBaseUrl, string route) => $"{publicBaseUrl.ToString().TrimEnd('/')}/api/{route}";

    public static IReadOnlyList<HookChange> Decide(IReadOnlyList<DesiredHook> desired, IReadOnlyList<V3Webhook> current)
    {
        var changes = new List<HookChange>();
        var ours = current.Where(IsOurs).OrderBy(h => h.Id).ToList();
        var used = new HashSet<long>();
        foreach (var want in desired)
        {
            var sameScope = ours.Where(h => h.Scope == want.Scope && !used.Contains(h.Id)).ToList();
            // Prefer one already at the right destination, then an active one: fewest changes.
            var keep = sameScope
                .OrderByDescending(h => SameDestination(h, want))
                .ThenByDescending(h => h.IsActive)
                .ThenByDescending(h => SameHeaders(h.Headers, want.Headers))
                .FirstOrDefault();
            if (keep is null)
            {
                changes.Add(new CreateHook(want));
                continue;
            }

            used.Add(keep.Id);
            if (!keep.IsActive || !SameDestination(keep, want) || !SameHeaders(keep.Headers, want.Headers))
            {
                changes.Add(new UpdateHook(keep.Id, want, Reactivates: !keep.IsActive));
            }
        }

        // Duplicates, and ours for events no longer wanted.
        changes.AddRange(ours.Where(h => !used.Contains(h.Id)).Select(h => new DeleteHook(h.Id, h.Scope)));
        return changes;
    }

    /// <summary>On uninstall: every subscription of the connector's goes.</summary>
    public static IReadOnlyList<HookChange> RemoveAll(IReadOnlyList<V3Webhook> current) =>
        current.Where(IsOurs).Select(h => (HookChange)new DeleteHook(h.Id, h.Scope)).ToList();

    public static bool IsOurs(V3Webhook hook) =>
        Uri.TryCreate(hook.Destination, UriKind.Absolute, out var uri)
        && (uri.AbsolutePath.TrimEnd('/').EndsWith("/api/" + WebhookScopes.OrdersRoute, StringComparison.Ordinal)
            || uri.AbsolutePath.TrimEnd('/').EndsWith("/api/" + WebhookScopes.DeliveryExceptionRoute, StringComparison.Ordinal));

    private static bool SameDestination(V3Webhook hook, DesiredHook want) =>
        string.Equals(hook.Destination.TrimEnd('/'), want.Destination, StringComparison.OrdinalIgnoreCase);

    private static bool SameHeaders(IReadOnlyDictionary<string, string>? have, IReadOnlyDictionary<string, string> want) =>
        want.All(w => have?.FirstOrDefault(h => string.Equals(h.Key, w.Key, StringComparison.OrdinalIgnoreCase)).Value == w.Value);
}
