namespace Connector.Storage;

public static class TableNames
{
    public const string Installations = "Installations";
    public const string Settings = "Settings";
    public const string SyncCursors = "SyncCursors";
    public const string Orders = "Orders";
    public const string Inventory = "Inventory";
    public const string Users = "Users";
    public const string WebhookReceipts = "WebhookReceipts";
    public const string QuotaWindows = "QuotaWindows";
    public const string Leases = "Leases";
    public const string UsedCallbackTokens = "UsedCallbackTokens";
    public const string Shipments = "Shipments";
    public const string AuditTrail = "AuditTrail";
    public const string OrdersNeedingAttention = "OrdersNeedingAttention";
    public const string SkusNeedingAttention = "SkusNeedingAttention";
    public const string ActivityCounts = "ActivityCounts";

    /// <summary>The catalog flow's ledger: one row per product (Catalog/ProductLedger).</summary>
    public const string Products = "Products";
    public const string ProductsNeedingAttention = "ProductsNeedingAttention";

    /// <summary>The catalog push's ledger: one row per SKU the back office changed, its per-field claims (CatalogPush/CatalogPushLedger).</summary>
    public const string CatalogPush = "CatalogPush";
    public const string CatalogPushNeedingAttention = "CatalogPushNeedingAttention";

    public static IReadOnlyList<string> All { get; } =
        [Installations, Settings, SyncCursors, Orders, Inventory, Users, WebhookReceipts, QuotaWindows, Leases, UsedCallbackTokens, Shipments, AuditTrail, OrdersNeedingAttention, SkusNeedingAttention, ActivityCounts, Products, ProductsNeedingAttention, CatalogPush, CatalogPushNeedingAttention];
}
