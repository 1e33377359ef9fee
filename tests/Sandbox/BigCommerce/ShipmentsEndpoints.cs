using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.Webhooks;

namespace Sandbox.BigCommerce;

/// <summary>
/// V2 order shipments under <c>/stores/{store_hash}/v2/orders/{order_id}/shipments</c>, as
/// orders.v2.oas2.yml specifies create, list, count, get and delete. Same auth, quota, faults and
/// per-endpoint counting as the orders (<see cref="StoreApiFilter"/>); errors are V2's <c>[{status, message}]</c>.
/// </summary>
public static class ShipmentsEndpoints
{
    private const string Shipments = "/stores/{storeHash}/v2/orders/{id:long}/shipments";

    public static IEndpointRouteBuilder MapBigCommerceShipments(this IEndpointRouteBuilder app)
    {
        app.MapPost(Shipments, Create).StoreApi(StoreEndpoints.CreateShipment);
        app.MapGet(Shipments, List).StoreApi(StoreEndpoints.ListShipments);
        app.MapGet(Shipments + "/count", Count).StoreApi(StoreEndpoints.CountShipments);
        app.MapGet(Shipments + "/{shipmentId:long}", Get).StoreApi(StoreEndpoints.GetShipment);
        app.MapDelete(Shipments + "/{shipmentId:long}", Delete).StoreApi(StoreEndpoints.DeleteShipment);
        return app;
    }

    private static async Task<IResult> Create(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        // An unknown order is 404 before the body is looked at, as for PUT /orders/{id}.
        if (store.Find(id) is null)
        {
            return BigCommerceErrors.NotFound();
        }

        var (body, refusal) = await JsonRequestBody.ReadObjectAsync(http);
        if (body is null)
        {
            return refusal!;
        }
        if (!ShipmentRequest.TryParse(body, out var request, out var error))
        {
            return BigCommerceErrors.BadRequest(error);
        }

        switch (store.CreateShipment(id, request))
        {
            case ShipmentOutcome.Applied created:
                http.RequestServices.GetRequiredService<ShipmentWebhooks>().Created(store, created);
                return Json(ShipmentJson.Shipment(created.Updated, created.Shipment), StatusCodes.Status201Created);
            case ShipmentOutcome.Refused refused:
                return BigCommerceErrors.BadRequest(refused.Message);
            default:
                return BigCommerceErrors.NotFound();
        }
    }

    private static IResult List(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (store.ShipmentsOf(id) is not { } found)
        {
            return BigCommerceErrors.NotFound();
        }

        var error = "";
        if (!OrderQuery.TryPaging(http.Request.Query, out var page, out var limit, ref error))
        {
            return BigCommerceErrors.BadRequest(error);
        }
        var shipments = found.Shipments.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit).ToList();
        // "No Content (No shipments exist)", and V2's answer past the last page.
        return shipments.Count == 0
            ? Results.NoContent()
            : Json(new JsonArray(shipments.Select(s => (JsonNode)ShipmentJson.Shipment(found.Order, s)).ToArray()));
    }

    private static IResult Count(HttpContext http, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        return store.ShipmentsOf(id) is { } found
            ? Json(new JsonObject { ["count"] = found.Shipments.Count })
            : BigCommerceErrors.NotFound();
    }

    private static IResult Get(HttpContext http, long id, long shipmentId)
    {
        var store = StoreApiFilter.CurrentStore(http);
        return store.ShipmentsOf(id) is { } found && found.Shipments.FirstOrDefault(s => s.Id == shipmentId) is { } shipment
            ? Json(ShipmentJson.Shipment(found.Order, shipment))
            : BigCommerceErrors.NotFound();
    }

    private static IResult Delete(HttpContext http, long id, long shipmentId)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (store.DeleteShipment(id, shipmentId) is not ShipmentOutcome.Applied deleted)
        {
            return BigCommerceErrors.NotFound();
        }
        http.RequestServices.GetRequiredService<ShipmentWebhooks>().Deleted(store, deleted);
        return Results.NoContent();
    }

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Text(node.ToJsonString(SandboxJson.Options), "application/json", System.Text.Encoding.UTF8, status);
}
