using System.Text.Json.Nodes;
using Sandbox.BigCommerce;

namespace Sandbox.Admin;

/// <summary>
/// What a store's shipments are, whatever the API's quota or faults: for tests asserting "one
/// shipment per parcel". Bodies are the V2 shipment JSON, unpaged, [] when there are none.
/// </summary>
public static class ShipmentAdminEndpoints
{
    public static IEndpointRouteBuilder MapShipmentAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin/stores/{hash}");

        admin.MapGet("/orders/{id:long}/shipments", (StoreRegistry stores, string hash, long id) =>
        {
            if (stores.Find(hash) is not { } store)
            {
                return Results.NotFound(new AdminError($"No store '{hash}'."));
            }
            return store.ShipmentsOf(id) is { } found
                ? Json(found.Shipments.Select(s => ShipmentJson.Shipment(found.Order, s)))
                : Results.NotFound(new AdminError($"No order {id} in store '{hash}'."));
        });

        admin.MapGet("/shipments", (StoreRegistry stores, string hash) =>
            stores.Find(hash) is { } store
                ? Json(store.AllShipments().Select(x => ShipmentJson.Shipment(x.Order, x.Shipment)))
                : Results.NotFound(new AdminError($"No store '{hash}'.")));

        return app;
    }

    private static IResult Json(IEnumerable<JsonObject> shipments) =>
        Results.Text(new JsonArray(shipments.Select(s => (JsonNode)s).ToArray()).ToJsonString(SandboxJson.Options), "application/json", System.Text.Encoding.UTF8);
}
