namespace Connector.Hosting;

/// <summary>The work queues. Both hosts bind to these names; infra creates them.</summary>
public static class QueueNames
{
    public const string StoreSync = "store-sync";
    public const string Orders = "orders";
    public const string Inventory = "inventory";
    public const string Shipments = "shipments";
    /// <summary>Shipments made in BigCommerce (by webhook or the shipments poll), one message each, for the back office.</summary>
    public const string BigCommerceShipments = "bigcommerce-shipments";

    /// <summary>Webhook callbacks as the endpoint accepted them, in batches (one group commit each), for their receipts and reads.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Catalog products from BigCommerce (poll or webhook), one message per product version or deletion, for the back office.</summary>
    public const string Products = "products";

    /// <summary>Catalog changes from the back office's feed, one message per SKU change, for BigCommerce.</summary>
    public const string CatalogPush = "catalog-push";

    public const string PoisonSuffix = "-poison";

    public static string PoisonOf(string queueName) => queueName + PoisonSuffix;

    public static IReadOnlyList<string> All { get; } = [StoreSync, Webhooks, Orders, Inventory, Shipments, BigCommerceShipments, Products, CatalogPush];
}
