namespace Connector.Testing.Soak;

/// <summary>
/// What became of the catalog both ways (<see cref="SoakCatalogAudit"/>). <see cref="Passed"/>: nothing lost, nothing
/// doubled, no echo, newest wins, every refusal the intended one, nothing in poison.
/// </summary>
public sealed record SoakCatalogFigures
{
    public static SoakCatalogFigures None { get; } = new();

    public int Stores { get; init; }
    public int ProductsSeeded { get; init; }

    /// <summary>The merchant's changes in BigCommerce, per kind.</summary>
    public IReadOnlyDictionary<string, int> MerchantActions { get; init; } = new Dictionary<string, int>();

    /// <summary>Product versions made in the control panel (seeding and creations included) and by the connector's API writes.</summary>
    public int MerchantVersions { get; init; }
    public int ConnectorVersions { get; init; }

    /// <summary>BigCommerce requests of the catalog stores (the pull's reads and lists, the push's lookups and writes, subscriptions, the order poll).</summary>
    public long BigCommerceRequests { get; init; }

    public int FeedRecords { get; init; }
    public int FeedUnknown { get; init; }
    public int FeedSkusChangedMoreThanOnce { get; init; }
    public int FeedOutOfOrderPairs { get; init; }

    // BigCommerce → back office.

    /// <summary>Products whose newest merchant version must be at the back office (deletions included).</summary>
    public int ProductsToDeliver { get; init; }
    public int ProductsDelivered { get; init; }
    public int DeletionsDelivered { get; init; }

    /// <summary>Products deleted before the back office had any version of them (nothing there to delete): counted as delivered.</summary>
    public int DeletedBeforeDelivered { get; init; }
    public int BackOfficeDeliveries { get; init; }

    /// <summary>Products whose first delivery was a version the push made (the push wrote them before the pull had sent them): the product, not an echo.</summary>
    public int FirstDeliveredInOwnVersion { get; init; }
    public int BackOfficeDuplicates { get; init; }

    /// <summary>The documented price of no echo: the merchant's last change saved just before a push write, not read before it, waits for the product's next change.</summary>
    public IReadOnlyList<string> Folded { get; init; } = [];
    public IReadOnlyList<string> PullLost { get; init; } = [];

    /// <summary>One product version delivered more than once (different idempotency keys).</summary>
    public IReadOnlyList<string> PullDoubled { get; init; } = [];

    /// <summary>Versions the connector's own write made, delivered to the back office as catalog changes.</summary>
    public IReadOnlyList<string> Echoed { get; init; } = [];

    /// <summary>The back office's last product body not the version BigCommerce made, an older version after a newer one, anything after a deletion.</summary>
    public IReadOnlyList<string> PullNotNewest { get; init; } = [];

    // Back office → BigCommerce.

    /// <summary>Feed changes of known SKUs with at least one field written, or none written because newer changes took every field.</summary>
    public int FeedApplied { get; init; }
    public int FeedSuperseded { get; init; }

    /// <summary>Fields the connector wrote in BigCommerce (API writes), repeats after an answer that never reached it, and newer values written again after an older write landed last.</summary>
    public int FieldWrites { get; init; }
    public int RepeatsAfterLostAnswer { get; init; }

    /// <summary>A newer value written again by an older change's writer whose own write landed just before it (it cannot tell which landed last).</summary>
    public int RaceRewrites { get; init; }

    /// <summary>Repeats of a write made just before a kill or during a storage outage (it landed; its record on the ledger did not).</summary>
    public int RepeatsAfterDisruption { get; init; }
    public int Restorations { get; init; }
    public IReadOnlyList<string> PushLost { get; init; } = [];

    /// <summary>A field that does not end with its newest feed change's value (that value was written, then overwritten).</summary>
    public IReadOnlyList<string> PushNotNewest { get; init; } = [];

    /// <summary>A feed change's value written again onto a field that already held it, after BigCommerce had answered the first write.</summary>
    public IReadOnlyList<string> PushDoubled { get; init; } = [];

    public int Refused { get; init; }
    public IReadOnlyDictionary<string, int> RefusalReasons { get; init; } = new Dictionary<string, int>();

    /// <summary>A refusal not intended (a known SKU), an unknown SKU not refused, a ledger row left pending or failing.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
    public int ProductsPoison { get; init; }
    public int CatalogPushPoison { get; init; }

    /// <summary>What the drain still waits for.</summary>
    public int Unsettled => PullLost.Count + PushLost.Count + PushNotNewest.Count + PullNotNewest.Count + Problems.Count;

    public bool Passed => Unsettled == 0 && PullDoubled.Count == 0 && Echoed.Count == 0 && PushDoubled.Count == 0 && ProductsPoison == 0 && CatalogPushPoison == 0;
}
