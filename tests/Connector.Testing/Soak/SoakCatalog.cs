using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Catalog;
using Connector.Storage;

namespace Connector.Testing.Soak;

/// <summary>
/// The catalog both ways under the soak's load (issue 18): stores of their own get a product catalog and the catalog pull
/// and push turned on (the Settings row the merchant's page writes, creation of products off); then, while orders flow
/// elsewhere, the merchant changes products in BigCommerce (<see cref="SoakMerchantAction"/>) and the back office appends
/// changes to its catalog-changes feed (<see cref="SoakFeedChange"/>), at the rates of <see cref="SoakOptions"/>, each
/// store drawing from its own seeded <see cref="SoakCatalogPlan"/>. The sandbox's faults hit the connector's calls for
/// them like every other call (the admin API that stands in for the merchant and the back office is never faulted).
/// </summary>
public sealed class SoakCatalog(SoakOptions options, SandboxAdmin admin, IReadOnlyList<string> stores, Action<string> note)
{
    private readonly Random _pick = new(options.Seed + 180);
    private readonly Dictionary<string, SoakCatalogPlan> _plans = [];
    private readonly Dictionary<string, List<SoakMerchantAction>> _actions = [];
    private readonly Dictionary<string, List<SoakFeedChange>> _feed = [];

    public IReadOnlyList<string> Stores => stores;

    public IReadOnlyList<SoakCatalogProduct> Products(string store) => _plans[store].Products;

    public IReadOnlyList<SoakMerchantAction> MerchantActions(string store) => _actions[store];

    /// <summary>The store's feed records in the order the back office listed them.</summary>
    public IReadOnlyList<SoakFeedChange> Feed(string store) => _feed[store];

    public int SeededProducts => options.CatalogProducts * stores.Count;

    /// <summary>Seeds each store's catalog and turns its catalog pull and push on, as the merchant's page saves them.</summary>
    public async Task SetUpAsync(string storageConnectionString, CancellationToken cancellationToken)
    {
        var settings = new CatalogSettingsStore(new ConnectorStorage(new TableServiceClient(storageConnectionString), new QueueServiceClient(storageConnectionString)));
        for (var i = 0; i < stores.Count; i++)
        {
            var store = stores[i];
            var ids = await admin.CreateProductsAsync(store, options.CatalogProducts, variants: 2);
            var plan = new SoakCatalogPlan(new Random(options.Seed + 18 + i), DateTimeOffset.UtcNow, options.CatalogDeletes);
            plan.Assign(ids.Select(id => (id, Sku(id), Variants(id))));
            _plans[store] = plan;
            _actions[store] = [];
            _feed[store] = [];
            await settings.SaveAsync(store, new CatalogSettings { PullEnabled = true, PushEnabled = true, Creation = ProductCreation.Off }, cancellationToken);
        }

        note($"{stores.Count} catalog store(s), {options.CatalogProducts} products each (2 variants), catalog pull and push on, creation off");
    }

    /// <summary>Merchant changes and feed records at an even pace until <paramref name="cancellationToken"/> ends the load.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromSeconds(1);
        var (merchantOwed, feedOwed) = (0.0, 0.0);
        var lastNote = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var next = Task.Delay(tick, cancellationToken);
                merchantOwed += options.CatalogMerchantChangesPerMinute / 60.0;
                feedOwed += options.CatalogFeedChangesPerMinute / 60.0;
                for (; merchantOwed >= 1; merchantOwed--)
                {
                    var store = stores[_pick.Next(stores.Count)];
                    await ActAsync(store, _plans[store].NextMerchantAction());
                }

                for (; feedOwed >= 1; feedOwed--)
                {
                    var store = stores[_pick.Next(stores.Count)];
                    var records = _plans[store].NextFeedRecords();
                    if (records.Count > 0)
                    {
                        await admin.AppendCatalogChangesAsync(store, records.Select(r => r.ToRecord()));
                        _feed[store].AddRange(records);
                        feedOwed -= records.Count - 1;
                    }
                }

                if (DateTimeOffset.UtcNow - lastNote >= TimeSpan.FromMinutes(1))
                {
                    lastNote = DateTimeOffset.UtcNow;
                    note($"catalog: {_actions.Values.Sum(a => a.Count)} merchant changes, {_feed.Values.Sum(f => f.Count)} feed records so far");
                }

                await next;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ActAsync(string store, SoakMerchantAction action)
    {
        switch (action)
        {
            case SoakMerchantAction.Rename r:
                await admin.UpdateProductAsync(store, r.Id, name: r.Name);
                break;
            case SoakMerchantAction.Reprice p:
                await admin.UpdateProductAsync(store, p.Id, price: p.Price, skuEvent: _pick.Next(2) == 0);
                break;
            case SoakMerchantAction.Show s:
                await admin.UpdateProductAsync(store, s.Id, isVisible: s.Visible);
                break;
            case SoakMerchantAction.Delete d:
                await admin.DeleteProductAsync(store, d.Id);
                break;
            case SoakMerchantAction.Create:
                var id = (await admin.CreateProductsAsync(store, 1, variants: 2))[0];
                _plans[store].Created(id, Sku(id), Variants(id));
                break;
        }

        _actions[store].Add(action);
    }

    /// <summary>The sandbox's SKUs for a seeded product with two variants (Size S and M).</summary>
    private static string Sku(long id) => string.Create(CultureInfo.InvariantCulture, $"P-{id}");

    private static IReadOnlyList<string> Variants(long id) => [Sku(id) + "-S", Sku(id) + "-M"];
}
