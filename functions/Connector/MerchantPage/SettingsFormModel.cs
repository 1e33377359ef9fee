using Connector.Inventory;

namespace Connector.MerchantPage;

/// <summary>An order status as the store names it (GET /v2/order_statuses): ids are stored, names are shown.</summary>
public sealed record StatusOption(int Id, string Name);

/// <summary>
/// The settings form as shown: each field's value as text (what was saved, or what the user typed when it was refused),
/// the error next to each refused field, and the choices read from the store.
/// </summary>
public sealed record SettingsFormModel
{
    public bool OrdersEnabled { get; init; }
    public IReadOnlySet<int> StatusIds { get; init; } = new HashSet<int>();
    public bool IncludeIncomplete { get; init; }
    public string CreatedAfter { get; init; } = "";
    public string CreatedWithinDays { get; init; } = "";
    public IReadOnlySet<int> WriteBackFrom { get; init; } = new HashSet<int>();
    public string WriteBackTo { get; init; } = "";
    public bool InventoryEnabled { get; init; }
    /// <summary>BigCommerce location id → the back-office location codes mapped to it, comma-separated as typed.</summary>
    public IReadOnlyDictionary<long, string> LocationCodes { get; init; } = new Dictionary<long, string>();
    public string OnlySkus { get; init; } = "";
    public string ResyncOrdersFrom { get; init; } = "";
    /// <summary>The catalog flow (BigCommerce → back office products); off unless turned on.</summary>
    public bool CatalogEnabled { get; init; }

    /// <summary>The catalog push (back office → BigCommerce) and its choices; off unless turned on.</summary>
    public bool CatalogPushEnabled { get; init; }
    public Catalog.ProductCreation CatalogCreation { get; init; }
    public Catalog.LimitPolicy CatalogLimits { get; init; }
    public DateTimeOffset? PendingOrderResync { get; init; }
    public DateTimeOffset? PendingStockResync { get; init; }

    public IReadOnlyList<StatusOption> Statuses { get; init; } = [];
    /// <summary>Why the store's statuses could not be read (then ids are shown); null when they were.</summary>
    public string? StatusesProblem { get; init; }
    public IReadOnlyList<StoreLocation> Locations { get; init; } = [];
    public string? LocationsProblem { get; init; }

    /// <summary>Field name → what is wrong with its value. Empty: the form was saved (or not yet sent).</summary>
    public IReadOnlyDictionary<string, string> Errors { get; init; } = new Dictionary<string, string>();

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var error) ? error : null;

    public string StatusName(int id) => Statuses.FirstOrDefault(s => s.Id == id)?.Name ?? $"status {id}";
}
