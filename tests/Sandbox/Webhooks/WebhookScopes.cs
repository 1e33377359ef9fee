namespace Sandbox.Webhooks;

/// <summary>The scopes webhooks.v3.yml documents, plus <c>store/hook/deliveryException</c> (webhook-events.mdx).</summary>
public static class WebhookScopes
{
    public const string OrderAll = "store/order/*";
    public const string OrderCreated = "store/order/created";
    public const string OrderUpdated = "store/order/updated";
    public const string OrderStatusUpdated = "store/order/statusUpdated";
    public const string OrderArchived = "store/order/archived";
    public const string ShipmentCreated = "store/shipment/created";
    public const string ShipmentDeleted = "store/shipment/deleted";
    public const string DeliveryException = "store/hook/deliveryException";

    public static IReadOnlySet<string> Known { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "store/app/uninstalled",
        "store/cart/*", "store/cart/abandoned", "store/cart/converted", "store/cart/couponApplied", "store/cart/created",
        "store/cart/deleted", "store/cart/updated",
        "store/cart/lineItem/*", "store/cart/lineItem/created", "store/cart/lineItem/deleted", "store/cart/lineItem/updated",
        "store/category/*", "store/category/created", "store/category/deleted", "store/category/updated",
        "store/channel/*", "store/channel/created", "store/channel/updated",
        "store/customer/*", "store/customer/created", "store/customer/deleted", "store/customer/updated",
        "store/customer/address/created", "store/customer/address/deleted", "store/customer/address/updated",
        "store/customer/payment/instrument/default/updated",
        "store/information/updated",
        OrderAll, OrderArchived, OrderCreated, OrderStatusUpdated, OrderUpdated,
        "store/order/message/created", "store/order/refund/created",
        "store/order/transaction/created", "store/order/transaction/updated",
        "store/order/metafield/created", "store/order/metafield/updated", "store/order/metafield/deleted",
        "store/product/*", "store/product/created", "store/product/deleted", "store/product/updated",
        "store/product/inventory/order/updated", "store/product/inventory/updated",
        "store/shipment/*", ShipmentCreated, ShipmentDeleted, "store/shipment/updated",
        "store/sku/*", "store/sku/created", "store/sku/deleted", "store/sku/updated",
        "store/sku/inventory/order/updated", "store/sku/inventory/updated",
        "store/subscriber/*", "store/subscriber/created", "store/subscriber/deleted", "store/subscriber/updated",
        DeliveryException,
    };

    /// <summary>Exact, or a wildcard <c>a/b/*</c> covering everything under <c>a/b/</c> (store/cart/* covers store/cart/lineItem/created).</summary>
    public static bool Matches(string hookScope, string eventScope) =>
        string.Equals(hookScope, eventScope, StringComparison.Ordinal) ||
        (hookScope.EndsWith("/*", StringComparison.Ordinal) &&
         eventScope.StartsWith(hookScope[..^1], StringComparison.Ordinal) &&
         !string.Equals(eventScope, DeliveryException, StringComparison.Ordinal));
}
