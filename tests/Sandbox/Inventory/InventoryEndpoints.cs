using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.BigCommerce;

namespace Sandbox.Inventory;

/// <summary>
/// BigCommerce's V3 Inventory and Locations APIs (inventory.v3.yml, locations.v3.yml) under
/// <c>/stores/{store_hash}/v3</c>, with V2's auth, quota, rate-limit headers and <c>bigcommerce</c> faults.
/// </summary>
public static class InventoryEndpoints
{
    public const string ListLocations = "GET /v3/inventory/locations";
    public const string AbsoluteAdjustment = "PUT /v3/inventory/adjustments/absolute";
    public const string ListItems = "GET /v3/inventory/items";
    public const string ListLocationItems = "GET /v3/inventory/locations/{location_id}/items";

    public static IReadOnlyList<string> All { get; } = [ListLocations, AbsoluteAdjustment, ListItems, ListLocationItems];

    public static IEndpointRouteBuilder MapBigCommerceInventory(this IEndpointRouteBuilder app)
    {
        var v3 = app.MapGroup("/stores/{storeHash}/v3/inventory");
        v3.MapGet("/locations", Locations).StoreApiV3(ListLocations);
        v3.MapPut("/adjustments/absolute", Absolute).StoreApiV3(AbsoluteAdjustment);
        v3.MapGet("/items", Items).StoreApiV3(ListItems);
        v3.MapGet("/locations/{locationId:int}/items", LocationItems).StoreApiV3(ListLocationItems);
        return app;
    }

    private static StoreInventory Inventory(HttpContext http, InventoryRegistry registry) =>
        registry.For(StoreApiFilter.CurrentStore(http).Hash);

    private static IResult Locations(HttpContext http, InventoryRegistry registry)
    {
        var (query, error) = InventoryQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return V3Errors.BadRequest(error!);
        }
        var matching = Inventory(http, registry).Locations().Where(query.Matches).ToList();
        return Json(InventoryJson.List(query.PageOf(matching).Select(InventoryJson.Location), matching.Count, query));
    }

    private static async Task<IResult> Absolute(HttpContext http, InventoryRegistry registry)
    {
        var inventory = Inventory(http, registry);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            inventory.Stats.CountRejected();
            return V3Errors.BadRequest("The request body is not valid JSON.");
        }
        using (document)
        using (inventory.Stats.AdjustmentUnderWay())
        {
            if (inventory.AdjustmentLatency > TimeSpan.Zero)
            {
                await Task.Delay(inventory.AdjustmentLatency, http.RequestAborted);
            }

            var (request, errors) = AdjustmentRequest.Parse(document.RootElement);
            var refusal = errors is not null ? AdjustmentRefusal.From(errors) : inventory.ApplyAbsolute(request!.Lines);
            if (refusal is not null)
            {
                inventory.Stats.CountRejected();
                return V3Errors.Problem(StatusCodes.Status422UnprocessableEntity, refusal.Title, refusal.Errors);
            }
            inventory.Stats.CountApplied(request!.Lines.Count);
            return Json(new JsonObject { ["transaction_id"] = Guid.NewGuid().ToString() });
        }
    }

    private static IResult Items(HttpContext http, InventoryRegistry registry)
    {
        var (query, error) = InventoryQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return V3Errors.BadRequest(error!);
        }
        var byItem = Inventory(http, registry).Levels()
            .Where(l => query.Matches(l.Item) && query.Matches(l.Location))
            .GroupBy(l => l.Item)
            .ToList();
        return Json(InventoryJson.List(query.PageOf(byItem).Select(g => InventoryJson.Item(g.Key, g)), byItem.Count, query));
    }

    private static IResult LocationItems(HttpContext http, InventoryRegistry registry, int locationId)
    {
        var (query, error) = InventoryQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return V3Errors.BadRequest(error!);
        }
        var inventory = Inventory(http, registry);
        if (inventory.Locations().All(l => l.Id != locationId))
        {
            return V3Errors.Result(StatusCodes.Status404NotFound, $"Location with id {locationId} not found");
        }
        var matching = inventory.Levels().Where(l => l.Location.Id == locationId && query.Matches(l.Item)).ToList();
        return Json(InventoryJson.List(query.PageOf(matching).Select(InventoryJson.LocationItem), matching.Count, query));
    }

    internal static IResult Json(JsonObject body) => Results.Json(body, SandboxJson.Options);
}
