namespace Sandbox.BigCommerce;

/// <summary>The names requests are counted under in <c>byEndpoint</c>: method and route template relative to <c>/v2</c>.</summary>
public static class StoreEndpoints
{
    public const string ListOrders = "GET /orders";
    public const string GetOrder = "GET /orders/{id}";
    public const string ListOrderProducts = "GET /orders/{id}/products";
    public const string ListShippingAddresses = "GET /orders/{id}/shipping_addresses";
    public const string UpdateOrder = "PUT /orders/{id}";
    public const string ListOrderStatuses = "GET /order_statuses";
    public const string CreateShipment = "POST /orders/{id}/shipments";
    public const string ListShipments = "GET /orders/{id}/shipments";
    public const string CountShipments = "GET /orders/{id}/shipments/count";
    public const string GetShipment = "GET /orders/{id}/shipments/{shipment_id}";
    public const string DeleteShipment = "DELETE /orders/{id}/shipments/{shipment_id}";

    public static IReadOnlyList<string> All { get; } =
    [
        ListOrders, GetOrder, ListOrderProducts, ListShippingAddresses, UpdateOrder, ListOrderStatuses,
        CreateShipment, ListShipments, CountShipments, GetShipment, DeleteShipment,
    ];
}
