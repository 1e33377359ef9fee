using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Installations;
using Connector.Inventory;
using Connector.Operations;
using Connector.Orders;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.MerchantPage;

/// <summary>
/// Reads what one rendering of a store's page shows. The status section costs a bounded number of point reads and small
/// queries (cursor rows, one page of the ledger's attention list by keyset, a peek of each poison queue, the latest audit
/// rows), whatever the size of the store's history; the settings section also asks BigCommerce for the store's statuses
/// and locations.
/// </summary>
public sealed class StorePageBuilder(
    IEnumerable<IFlowStatusSource> flows,
    IEnumerable<IAttentionSource> attentionSources,
    OrderLedger ledger,
    PoisonQueues poison,
    AuditTrail audit,
    StoreSettings settings,
    BigCommerceOrdersClient orders,
    BigCommerceInventoryClient inventory,
    StoreChoicesCache choices,
    QuotaSeen quota,
    Activity.ActivityCounters activity,
    AttentionIndex attentionIndex,
    Catalog.CatalogSettingsStore catalog,
    ILogger<StorePageBuilder> logger)
{
    public const int AttentionPageSize = 20;
    public const int AuditShown = 20;

    /// <summary>Counting the orders needing attention stops here: the page says "1000 or more".</summary>
    public const int AttentionCountCap = 1000;

    public async Task<StorePageModel> BuildAsync(
        PageCaller caller, string session, string section, long? attentionAfter, CancellationToken cancellationToken,
        SettingsFormModel? form = null)
    {
        var storeHash = caller.Session.StoreHash;
        var flowViews = new List<FlowStatusView>();
        foreach (var flow in flows)
        {
            flowViews.Add(await flow.ReadAsync(storeHash, cancellationToken));
        }

        var model = new StorePageModel
        {
            Session = session,
            Caller = caller.Session,
            Section = section,
            Installation = caller.Installation,
            ScopeProblems = FlowScopeProblems.Of(caller.Installation),
            Flows = flowViews,
            Audit = await audit.LatestAsync(storeHash, AuditShown, cancellationToken),
        };

        if (section == PageSections.Settings)
        {
            return model with { Settings = form ?? await SettingsFormAsync(storeHash, cancellationToken) };
        }

        var (attention, next) = await ledger.ListNeedingAttentionPageAsync(storeHash, attentionAfter, AttentionPageSize, cancellationToken);
        var others = new List<AttentionGroup>();
        foreach (var source in attentionSources)
        {
            others.Add(await source.ReadAsync(storeHash, cancellationToken));
        }

        var poisoned = new List<PoisonMessageView>();
        foreach (var queue in QueueNames.All)
        {
            poisoned.AddRange((await poison.PeekAsync(queue, storeHash, cancellationToken)).Messages);
        }

        return model with
        {
            Quota = await quota.ReadAsync(storeHash, cancellationToken),
            LastDay = await activity.TotalsAsync(storeHash, 24, cancellationToken),
            AttentionCount = await attentionIndex.CountAsync(storeHash, AttentionCountCap, cancellationToken),
            Attention = attention,
            OtherAttention = others,
            AttentionAfter = attentionAfter,
            AttentionNext = next,
            Poison = poisoned,
        };
    }

    public async Task<SettingsFormModel> SettingsFormAsync(string storeHash, CancellationToken cancellationToken)
    {
        var catalogSettings = await catalog.GetAsync(storeHash, cancellationToken);
        var form = SettingsForm.From(
            await settings.GetOrderSettingsAsync(storeHash, cancellationToken), await settings.GetInventorySettingsAsync(storeHash, cancellationToken))
            with { CatalogEnabled = catalogSettings.PullEnabled, CatalogPushEnabled = catalogSettings.PushEnabled, CatalogCreation = catalogSettings.Creation, CatalogLimits = catalogSettings.Limits };
        return await WithChoicesAsync(form, storeHash, cancellationToken);
    }

    /// <summary>The store's statuses and locations, for the form's choices. BigCommerce failing is shown, not fatal.</summary>
    public async Task<SettingsFormModel> WithChoicesAsync(SettingsFormModel form, string storeHash, CancellationToken cancellationToken)
    {
        var statusesRead = StatusesAsync(storeHash, cancellationToken);
        var locationsRead = LocationsAsync(storeHash, cancellationToken);
        var (statuses, statusesProblem) = await statusesRead;
        var (locations, locationsProblem) = await locationsRead;
        return form with
        {
            Statuses = statuses,
            StatusesProblem = statusesProblem,
            Locations = locations ?? [],
            LocationsProblem = locationsProblem,
        };
    }

    public async Task<(IReadOnlyList<StatusOption> Statuses, string? Problem)> StatusesAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (choices.Statuses(storeHash) is { } kept)
        {
            return (kept, null);
        }

        try
        {
            using var limit = Limit(cancellationToken);
            var statuses = (await orders.ListOrderStatusesAsync(storeHash, limit.Token)).Select(s => new StatusOption(s.Id, s.DisplayName)).ToList();
            choices.Keep(storeHash, statuses);
            return (statuses, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Store {StoreHash}: the order statuses could not be read for the settings page", storeHash);
            return ([], $"BigCommerce did not list the store's order statuses ({ex.Message}); statuses are shown by number.");
        }
    }

    public async Task<(IReadOnlyList<StoreLocation>? Locations, string? Problem)> LocationsAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (choices.Locations(storeHash) is { } kept)
        {
            return (kept, null);
        }

        try
        {
            using var limit = Limit(cancellationToken);
            var locations = await inventory.ListLocationsAsync(storeHash, limit.Token);
            choices.Keep(storeHash, locations);
            return (locations, null);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Store {StoreHash}: the locations could not be read for the settings page", storeHash);
            return (null, $"BigCommerce did not list the store's locations ({ex.Message}); the location map is kept as it is.");
        }
    }

    /// <summary>A person is waiting: BigCommerce's retries (which may wait for its quota) get this long, then the page says so.</summary>
    private static CancellationTokenSource Limit(CancellationToken cancellationToken)
    {
        var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(ChoicesTimeout);
        return limit;
    }

    public static readonly TimeSpan ChoicesTimeout = TimeSpan.FromSeconds(10);
}
