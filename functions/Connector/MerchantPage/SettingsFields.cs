namespace Connector.MerchantPage;

/// <summary>The settings form's field names, shared by the component that renders it and the code that reads it.</summary>
public static class SettingsFields
{
    public const string OrdersEnabled = "orders_enabled";
    public const string Status = "status";
    public const string IncludeIncomplete = "include_incomplete";
    public const string CreatedAfter = "created_after";
    public const string CreatedWithinDays = "created_within_days";
    public const string WriteBackFrom = "writeback_from";
    public const string WriteBackTo = "writeback_to";
    public const string InventoryEnabled = "inventory_enabled";
    public const string LocationPrefix = "location_";
    public const string OnlySkus = "only_skus";
    public const string ResyncOrdersFrom = "resync_orders_from";
    public const string CatalogEnabled = "catalog_enabled";
    public const string CatalogPushEnabled = "catalog_push_enabled";
    public const string CatalogCreation = "catalog_creation";
    public const string CatalogLimits = "catalog_limits";

    /// <summary>One-line fields: far longer than any sensible value, short enough that nothing big is ever stored.</summary>
    public const int MaxFieldLength = 200;
    public const int MaxSkuListLength = 20_000;
    public const int MaxSkus = 1_000;
    public const int MaxSkuLength = 255;
    public const int MaxLocationCodeLength = 64;
    public const int MaxCodesPerLocation = 50;
    public const int MaxCreatedWithinDays = 3650;
}
