using Sandbox.BigCommerce;

namespace Sandbox.Inventory;

/// <summary>
/// The catalog lookups an inventory sync needs, as product-variants_catalog.v3.yml and products_catalog.v3.yml:
/// <c>GET /v3/catalog/variants</c> (<c>sku</c>, <c>sku:in</c>, <c>id:in</c>, <c>product_id:in</c>) and
/// <c>GET /v3/catalog/products</c> (<c>sku</c>, <c>sku:in</c>, <c>id:in</c>). <c>inventory_level</c> is the default location's.
/// </summary>
public static class CatalogEndpoints
{
    public const string ListVariants = "GET /v3/catalog/variants";
    public const string ListProducts = "GET /v3/catalog/products";

    public static IEndpointRouteBuilder MapBigCommerceCatalog(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/stores/{storeHash}/v3/catalog");
        catalog.MapGet("/variants", Variants).StoreApiV3(ListVariants);
        catalog.MapGet("/products", Products).StoreApiV3(ListProducts);
        return app;
    }

    private static IResult Variants(HttpContext http, InventoryRegistry registry, Catalog.ProductCatalogRegistry catalog)
    {
        if (Catalog.ProductEndpoints.Serves(http, catalog))
        {
            // The store has a product catalog (the catalog flows'): its variants answer, base variants included.
            return Catalog.ProductEndpoints.ListVariants(http, catalog);
        }

        var (query, error) = InventoryQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return V3Errors.BadRequest(error!);
        }
        var levels = DefaultLevels(registry.For(StoreApiFilter.CurrentStore(http).Hash));
        var matching = levels.Keys
            .Where(i => (query.Skus is null || query.Skus.Contains(i.Sku)) &&
                        (query.Ids is null || query.Ids.Contains(i.VariantId)) &&
                        (query.ProductIds is null || query.ProductIds.Contains(i.ProductId)))
            .ToList();
        return InventoryEndpoints.Json(InventoryJson.List(query.PageOf(matching).Select(i => InventoryJson.Variant(i, levels[i])), matching.Count, query));
    }

    private static IResult Products(HttpContext http, InventoryRegistry registry, Catalog.ProductCatalogRegistry catalog)
    {
        if (Catalog.ProductEndpoints.Serves(http, catalog))
        {
            // The store has a product catalog (the catalog pull's): it answers, with its filters, includes and paging.
            return Catalog.ProductEndpoints.List(http, catalog);
        }

        var (query, error) = InventoryQuery.Parse(http.Request.Query);
        if (query is null)
        {
            return V3Errors.BadRequest(error!);
        }
        var levels = DefaultLevels(registry.For(StoreApiFilter.CurrentStore(http).Hash));
        var products = levels.Keys.GroupBy(i => i.ProductId).Select(g =>
        {
            var first = g.First();
            var sku = first.TrackedBy == TrackedBy.Product ? first.Sku : "";
            return (Id: g.Key, Sku: sku, Json: InventoryJson.Product(g.Key, first.ProductName, sku, first.TrackedBy, g.Sum(i => levels[i])));
        })
        .Where(p => (query.Skus is null || (p.Sku.Length > 0 && query.Skus.Contains(p.Sku))) && (query.Ids is null || query.Ids.Contains(p.Id)))
        .ToList();
        return InventoryEndpoints.Json(InventoryJson.List(query.PageOf(products).Select(p => p.Json), products.Count, query));
    }

    private static Dictionary<CatalogItem, long> DefaultLevels(StoreInventory inventory) =>
        inventory.Levels().Where(l => l.Location.Id == StoreInventory.DefaultLocationId).ToDictionary(l => l.Item, l => l.Quantity);
}
