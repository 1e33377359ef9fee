using Sandbox.BigCommerce;
using Sandbox.Inventory;

namespace Sandbox.Admin;

/// <summary>Control of the inventory stand-in: catalog, locations, levels and stats per store.</summary>
public static class InventoryAdminEndpoints
{
    public static IEndpointRouteBuilder MapInventoryAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin/stores/{hash}");
        admin.MapPost("/catalog", Seed);
        admin.MapGet("/catalog", (StoreRegistry stores, InventoryRegistry inventory, string hash) =>
            stores.Find(hash) is null ? NotFound(hash) : Results.Ok(inventory.For(hash).Items().Select(ItemView)));
        admin.MapPost("/locations", AddLocation);
        admin.MapGet("/locations", (StoreRegistry stores, InventoryRegistry inventory, string hash) =>
            stores.Find(hash) is null ? NotFound(hash) : Results.Ok(inventory.For(hash).Locations()));
        admin.MapGet("/inventory", Levels);
        admin.MapGet("/inventory/stats", Stats);
        // How long each absolute adjustment takes to answer, so overlapping requests become visible.
        admin.MapPut("/inventory/latency", (StoreRegistry stores, InventoryRegistry inventory, string hash, LatencyRequest body) =>
        {
            if (stores.Find(hash) is null)
            {
                return NotFound(hash);
            }

            if (body.Ms is < 0 or > 60_000)
            {
                return Results.BadRequest(new AdminError("ms must be between 0 and 60000."));
            }

            inventory.For(hash).AdjustmentLatency = TimeSpan.FromMilliseconds(body.Ms);
            return Results.NoContent();
        });
        return app;
    }

    private static IResult Seed(StoreRegistry stores, InventoryRegistry inventory, string hash, CatalogSeedRequest body)
    {
        if (stores.Find(hash) is null)
        {
            return NotFound(hash);
        }
        var seeds = new List<StoreInventory.SkuSeed>();
        foreach (var s in body.Skus ?? [])
        {
            TrackedBy? tracked = s.TrackedBy switch
            {
                null or "variant" => TrackedBy.Variant,
                "product" => TrackedBy.Product,
                _ => null,
            };
            if (tracked is null)
            {
                return Results.BadRequest(new AdminError($"trackedBy must be 'variant' or 'product', got '{s.TrackedBy}'."));
            }
            seeds.Add(new StoreInventory.SkuSeed(s.Sku, tracked.Value, s.Product));
        }
        if (body.Count is < 0 or > 100_000)
        {
            return Results.BadRequest(new AdminError("count must be between 0 and 100000."));
        }
        var (items, error) = inventory.For(hash).Seed(seeds, body.Count ?? 0);
        return items is null
            ? Results.Conflict(new AdminError(error!))
            : Results.Created($"/_admin/stores/{hash}/catalog", new { items = items.Select(ItemView) });
    }

    private static IResult AddLocation(StoreRegistry stores, InventoryRegistry inventory, string hash, LocationRequest body)
    {
        if (stores.Find(hash) is null)
        {
            return NotFound(hash);
        }
        if (string.IsNullOrWhiteSpace(body.Code))
        {
            return Results.BadRequest(new AdminError("code is required."));
        }
        var store = inventory.For(hash);
        if (store.HasLocationCode(body.Code))
        {
            return Results.Conflict(new AdminError($"Location code '{body.Code}' exists."));
        }
        var location = store.AddLocation(body.Code, body.Label ?? body.Code);
        return Results.Created($"/_admin/stores/{hash}/locations", location);
    }

    private static IResult Levels(StoreRegistry stores, InventoryRegistry inventory, string hash)
    {
        if (stores.Find(hash) is null)
        {
            return NotFound(hash);
        }
        var store = inventory.For(hash);
        return Results.Ok(store.Levels().GroupBy(l => l.Item).Select(g => new
        {
            sku = g.Key.Sku,
            productId = g.Key.ProductId,
            variantId = g.Key.VariantId,
            trackedBy = Tracked(g.Key.TrackedBy),
            writes = store.Writes(g.Key.Sku),
            levels = g.ToDictionary(l => l.Location.Code, l => l.Quantity),
        }));
    }

    private static IResult Stats(StoreRegistry stores, InventoryRegistry inventory, string hash)
    {
        if (stores.Find(hash) is not { } found)
        {
            return NotFound(hash);
        }
        var (requests, applied, rejected, written) = inventory.For(hash).Stats.Snapshot();
        var all = found.Stats.Snapshot().ByEndpoint;
        var endpoints = InventoryEndpoints.All.Concat([CatalogEndpoints.ListVariants, CatalogEndpoints.ListProducts]);
        return Results.Ok(new
        {
            adjustmentRequests = requests,
            adjustmentsApplied = applied,
            adjustmentsRejected = rejected,
            itemsWritten = written,
            mostAdjustmentsUnderWay = inventory.For(hash).Stats.MostAdjustmentsUnderWay,
            byEndpoint = endpoints.ToDictionary(e => e, e => all.GetValueOrDefault(e)),
        });
    }

    private static object ItemView(CatalogItem i) =>
        new { sku = i.Sku, productId = i.ProductId, variantId = i.VariantId, trackedBy = Tracked(i.TrackedBy) };

    private static string Tracked(TrackedBy t) => t == TrackedBy.Product ? "product" : "variant";

    private static IResult NotFound(string hash) => Results.NotFound(new AdminError($"Store '{hash}' not found."));
}

/// <summary>Body of PUT /_admin/stores/{hash}/inventory/latency.</summary>
public sealed record LatencyRequest(int Ms);
