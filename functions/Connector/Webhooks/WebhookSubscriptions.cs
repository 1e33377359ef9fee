using Connector.BigCommerce;
using Connector.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// Keeps a store's webhook subscriptions as <see cref="SubscriptionPlan"/> wants them: two reads (the hooks, and the
/// admin view for blocked destinations), then only the writes that are needed. Run after install and on every poll, so
/// a subscription BigCommerce deactivated after failed deliveries is reactivated and the poll covers the gap.
/// </summary>
public sealed class WebhookSubscriptions(
    BigCommerceWebhooksClient hooks,
    Stores.StoreSettings settings,
    Catalog.CatalogSettingsStore catalog,
    IOptions<BigCommerceAppOptions> app,
    IOptions<ConnectorOptions> connector,
    IOptions<WebhookOptions> options,
    ILogger<WebhookSubscriptions> logger)
{
    public sealed record Outcome(int Created, int Reactivated, int Updated, int Deleted, int BlockedDestinations, bool Off = false)
    {
        /// <summary>The subscriptions' state in a merchant's words, for the app's page.</summary>
        public string Describe() => this switch
        {
            { Off: true } => "off (Webhooks:Enabled is false); the poll brings every order",
            { BlockedDestinations: > 0 } => "BigCommerce has blocked the connector's address for now; the poll covers the gap",
            { Reactivated: > 0 } => $"BigCommerce had deactivated {Reactivated} after failed deliveries; reactivated, and the gap is polled",
            { Created: > 0 } => $"{Created} were missing; subscribed again",
            _ => "in place",
        };
    }

    /// <summary>Makes the store's subscriptions right. Throws what the API throws; see <see cref="TryEnsureAsync"/>.</summary>
    public async Task<Outcome> EnsureAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled || connector.Value.PublicBaseUrl is not { } baseUrl)
        {
            return new Outcome(0, 0, 0, 0, 0, Off: true);
        }

        var current = await hooks.ListAsync(storeHash, cancellationToken);
        var admin = await hooks.AdminAsync(storeHash, cancellationToken);
        var blocked = admin.BlockedDomains.Where(d => baseUrl.Host.Length > 0 && d.Destination.Contains(baseUrl.Host, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var domain in blocked)
        {
            logger.LogWarning("BigCommerce has blocked webhook destination {Destination} of store {StoreHash} for {TimeLeft} s; polling covers the gap",
                domain.Destination, storeHash, domain.TimeLeft);
        }

        // The admin view also lists deactivated hooks; a hook only it knows is treated as current.
        var all = current.Concat(admin.HooksList.Where(h => current.All(c => c.Id != h.Id))).ToList();
        var pullShipments = (await settings.GetShipmentSettingsAsync(storeHash, cancellationToken)).PullBigCommerceShipments;
        var pullCatalog = (await catalog.GetAsync(storeHash, cancellationToken)).PullEnabled
                          && Installations.ScopeCheck.Missing(string.Join(' ', app.Value.RequiredScopes), [WebhookScopes.ProductsReadScope]).Count == 0;
        var desired = SubscriptionPlan.Desired(baseUrl, WebhookStoreSecret.For(app.Value.ClientSecret, storeHash), pullShipments, pullCatalog);
        var changes = SubscriptionPlan.Decide(desired, all);
        await ApplyAsync(storeHash, changes, cancellationToken);
        var outcome = new Outcome(
            changes.OfType<CreateHook>().Count(),
            changes.OfType<UpdateHook>().Count(u => u.Reactivates),
            changes.OfType<UpdateHook>().Count(u => !u.Reactivates),
            changes.OfType<DeleteHook>().Count(),
            blocked.Count);
        if (changes.Count > 0)
        {
            logger.LogInformation(
                "Webhooks of store {StoreHash} reconciled: created {Created}, reactivated {Reactivated}, updated {Updated}, deleted {Deleted}",
                storeHash, outcome.Created, outcome.Reactivated, outcome.Updated, outcome.Deleted);
        }

        return outcome;
    }

    /// <summary>Best effort (install): a failure is logged, never thrown; the next poll tries again.</summary>
    public async Task TryEnsureAsync(string storeHash, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureAsync(storeHash, cancellationToken);
        }
        catch (Exception ex) when (ex is BigCommerceApiException or HttpRequestException or TaskCanceledException or Secrets.StoreTokenMissingException or Azure.RequestFailedException)
        {
            logger.LogWarning(ex, "Webhooks of store {StoreHash} not reconciled; the next poll tries again", storeHash);
        }
    }

    /// <summary>On uninstall, while the token still works: nothing of the connector's stays subscribed. Best effort.</summary>
    public async Task TryRemoveAllAsync(string storeHash, CancellationToken cancellationToken)
    {
        try
        {
            var changes = SubscriptionPlan.RemoveAll(await hooks.ListAsync(storeHash, cancellationToken));
            await ApplyAsync(storeHash, changes, cancellationToken);
            logger.LogInformation("Webhooks of store {StoreHash} removed: {Deleted}", storeHash, changes.Count);
        }
        catch (Exception ex) when (ex is BigCommerceApiException or HttpRequestException or TaskCanceledException or Secrets.StoreTokenMissingException or Azure.RequestFailedException)
        {
            logger.LogWarning(ex, "Webhooks of store {StoreHash} not removed", storeHash);
        }
    }

    private async Task ApplyAsync(string storeHash, IReadOnlyList<HookChange> changes, CancellationToken cancellationToken)
    {
        // Deletes first, then moves, then creates: BigCommerce allows one deliveryException hook per store, on a destination
        // no other hook uses, so room is made before anything new takes it.
        foreach (var change in changes.OrderBy(c => c switch { DeleteHook => 0, UpdateHook => 1, _ => 2 }))
        {
            switch (change)
            {
                case CreateHook create:
                    await hooks.CreateAsync(storeHash, Write(create.Hook), cancellationToken);
                    break;
                case UpdateHook update:
                    await hooks.UpdateAsync(storeHash, update.Id, Write(update.Hook), cancellationToken);
                    if (update.Reactivates)
                    {
                        logger.LogWarning("Webhook {HookId} ({Scope}) of store {StoreHash} was deactivated by BigCommerce; reactivated",
                            update.Id, update.Hook.Scope, storeHash);
                    }

                    break;
                case DeleteHook delete:
                    await hooks.DeleteAsync(storeHash, delete.Id, cancellationToken);
                    break;
            }
        }
    }

    private static V3WebhookWrite Write(DesiredHook hook) => new(hook.Scope, hook.Destination, IsActive: true, hook.Headers);
}
