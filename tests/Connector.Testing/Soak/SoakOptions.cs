namespace Connector.Testing.Soak;

/// <summary>The shape of one soak run. The defaults are the recorded run's (docs/soak.md); CI's short soak shrinks them.</summary>
public sealed record SoakOptions
{
    public int Stores { get; init; } = 2;

    /// <summary>Orders created over the load phase, across all stores.</summary>
    public int Orders { get; init; } = 3000;

    /// <summary>Share of orders changed again later (a status move: a new version the back office must get too).</summary>
    public double ModifyShare { get; init; } = 0.2;

    /// <summary>Catalog size per store; a share of it changes in the back office every inventory cycle.</summary>
    public int Skus { get; init; } = 400;

    public double SkuChangeShare { get; init; } = 0.15;

    /// <summary>How long orders keep arriving and faults keep coming.</summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The poll (the safety net under webhooks) and the inventory push, as NCRONTAB with seconds.</summary>
    public string OrderPollSchedule { get; init; } = "*/20 * * * * *";

    public string InventoryPushSchedule { get; init; } = "*/30 * * * * *";

    /// <summary>The shipments poll (reads the back office's shipments feed), on the order poll's cadence.</summary>
    public string ShipmentPollSchedule { get; init; } = "*/20 * * * * *";

    /// <summary>
    /// Share of orders the back office ships or cancels once it has them (feed and push, duplicates, races; see
    /// <see cref="SoakFulfilmentPlan"/>). The load leaves these orders alone afterwards. 0 = no shipments.
    /// </summary>
    public double FulfilmentShare { get; init; } = 0.1;

    /// <summary>
    /// Stores of their own for the catalog both ways (the sandbox answers a store's catalog lookups from its product catalog
    /// once it has one, which the inventory flow's SKUs are not in, so the catalog does not share the order stores). 0 = no catalog.
    /// </summary>
    public int CatalogStores { get; init; } = 1;

    /// <summary>Products seeded per catalog store, two variants each; a third the merchant's, a third the feed's, a third both.</summary>
    public int CatalogProducts { get; init; } = 60;

    /// <summary>The merchant's product changes in BigCommerce (renames, prices, visibility, deletions, creations), across catalog stores.</summary>
    public double CatalogMerchantChangesPerMinute { get; init; } = 30;

    /// <summary>Whether the merchant deletes products (by its webhook, or else by the deletion check: the poll cannot see one).</summary>
    public bool CatalogDeletes { get; init; } = true;

    /// <summary>How often the connector compares the store's product ids with its ledger (an hour in production): within the soak's drain.</summary>
    public TimeSpan CatalogDeletionCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Records the back office appends to its catalog-changes feed, across catalog stores (a tenth for SKUs BigCommerce does not have).</summary>
    public double CatalogFeedChangesPerMinute { get; init; } = 60;

    /// <summary>The catalog poll (the pull's safety net under product webhooks) and the catalog push (reads the feed).</summary>
    public string CatalogPollSchedule { get; init; } = "*/20 * * * * *";

    public string CatalogPushSchedule { get; init; } = "*/15 * * * * *";

    /// <summary>
    /// LocalHost processes on the one Azurite and sandbox, as Azure scales the queue functions out: every instance takes
    /// messages from the same queues; only the first runs the timers (the Functions host runs a timer on one instance).
    /// </summary>
    public int Instances { get; init; } = 3;

    /// <summary>Hard kills of a LocalHost process (any instance, drawn at random), spread over the load phase.</summary>
    public int Kills { get; init; } = 3;

    public bool RestartAzurite { get; init; } = true;

    /// <summary>Revocations of a store's token during a back-office outage, each followed by registering the store again (0 or 1).</summary>
    public int Revocations { get; init; } = 1;

    /// <summary>Faults on from the start of the load phase until its end (off: the run measures a clean system).</summary>
    public bool Faults { get; init; } = true;

    /// <summary>The store's request quota per window (BigCommerce Standard: 150 per 30 s).</summary>
    public int Quota { get; init; } = 150;

    public int WindowMs { get; init; } = 30_000;

    /// <summary>
    /// How long a received message stays leased. After a hard kill its messages reappear only when it ends
    /// (the Functions host leases for 10 minutes); the soak keeps it short so the drain is not a wait.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the drain may take after the last fault before the run is declared failed.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromMinutes(10);

    public int Seed { get; init; } = 20261123;

    /// <summary>Where LocalHost's log and the report go.</summary>
    public string OutputDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "connector-soak-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
}
