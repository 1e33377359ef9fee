namespace Connector.Webhooks;

/// <summary>The events the connector subscribes to, and where each is delivered.</summary>
public static class WebhookScopes
{
    public const string OrderCreated = "store/order/created";
    public const string OrderUpdated = "store/order/updated";
    public const string OrderStatusUpdated = "store/order/statusUpdated";
    public const string OrderArchived = "store/order/archived";
    public const string DeliveryException = "store/hook/deliveryException";

    /// <summary>
    /// A shipment made in BigCommerce, by anyone (the connector's own included; the queue tells them apart). Deletions
    /// (<c>store/shipment/deleted</c>) are not subscribed: the back-office contract has no way to take a shipment back.
    /// </summary>
    public const string ShipmentCreated = "store/shipment/created";

    /// <summary>Order events: each means "this order may have a new version"; the queue reads it and the ledger decides.</summary>
    public static IReadOnlyList<string> Orders { get; } = [OrderCreated, OrderUpdated, OrderStatusUpdated, OrderArchived];

    /// <summary>The routes below /api/ (TriggerCatalog's); deliveryException must have a destination of its own.</summary>
    public const string OrdersRoute = "webhooks/bigcommerce";
    public const string DeliveryExceptionRoute = "webhooks/bigcommerce/delivery-exception";

    /// <summary>Shipment events, subscribed while the store pulls BigCommerce's shipments; delivered to the orders route.</summary>
    public static IReadOnlyList<string> Shipments { get; } = [ShipmentCreated];

    public const string ProductCreated = "store/product/created";
    public const string ProductUpdated = "store/product/updated";
    public const string ProductDeleted = "store/product/deleted";
    public const string SkuCreated = "store/sku/created";
    public const string SkuUpdated = "store/sku/updated";
    public const string SkuDeleted = "store/sku/deleted";

    /// <summary>
    /// Catalog events, subscribed while the store's catalog flow is on and the app has the products scope; delivered to
    /// the orders route. A SKU event means its product (<c>data.sku.product_id</c>) may have a new version.
    /// </summary>
    public static IReadOnlyList<string> Catalog { get; } = [ProductCreated, ProductUpdated, ProductDeleted, SkuCreated, SkuUpdated, SkuDeleted];

    /// <summary>The scope the catalog's reads need (products_catalog.v3.yml: Products read-only).</summary>
    public const string ProductsReadScope = "store_v2_products_read_only";

    public static bool IsCatalogEvent(string scope) => Catalog.Contains(scope, StringComparer.Ordinal);

    public static bool IsOrderEvent(string scope) => Orders.Contains(scope, StringComparer.Ordinal);

    public static bool IsShipmentEvent(string scope) => Shipments.Contains(scope, StringComparer.Ordinal);
}
