using Sandbox.BigCommerce;
using Sandbox.Catalog;

namespace Sandbox.Admin;

/// <param name="Count">Products to create (1–10,000).</param>
/// <param name="Variants">Variants per product (0–20, default 2).</param>
/// <param name="Skus">Instead of <paramref name="Count"/>: simple products with exactly these SKUs (duplicates allowed).</param>
public sealed record CreateProductsRequest(int Count = 1, int? Variants = null, IReadOnlyList<string>? Skus = null);

/// <param name="SkuEvent">Fire <c>store/sku/updated</c> (for the first variant) instead of <c>store/product/updated</c>.</param>
public sealed record UpdateProductRequest(string? Name = null, decimal? Price = null, bool? IsVisible = null, bool SkuEvent = false);

/// <summary>
/// Control of the product catalog: create, change and delete products (each a new version with its own
/// <c>date_modified</c>, firing <c>store/product/*</c> webhooks like BigCommerce), list them, and list every version made
/// with who made it (the merchant here, or an API write and what it set).
/// </summary>
public static class ProductAdminEndpoints
{
    public static IEndpointRouteBuilder MapProductAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin/stores/{hash}/products");
        admin.MapPost("", (StoreRegistry stores, ProductCatalogRegistry catalogs, ProductWebhooks hooks, string hash, CreateProductsRequest body) =>
        {
            if (stores.Find(hash) is null)
            {
                return Results.NotFound(new AdminError($"No store '{hash}'."));
            }

            if (body.Skus is { Count: > 0 } skus)
            {
                var made = catalogs.For(hash).CreateWithSkus(skus);
                foreach (var product in made)
                {
                    hooks.Created(hash, product.Id);
                }

                return Results.Ok(new { ids = made.Select(p => p.Id) });
            }

            if (body.Count is < 1 or > 10_000 || body.Variants is < 0 or > 20)
            {
                return Results.BadRequest(new AdminError("count must be 1–10000 and variants 0–20."));
            }

            var created = catalogs.For(hash).Create(body.Count, body.Variants ?? 2);
            foreach (var product in created)
            {
                hooks.Created(hash, product.Id);
            }

            return Results.Ok(new { ids = created.Select(p => p.Id) });
        });
        admin.MapGet("", (StoreRegistry stores, ProductCatalogRegistry catalogs, string hash) =>
            stores.Find(hash) is null ? Results.NotFound(new AdminError($"No store '{hash}'.")) : Results.Ok(catalogs.For(hash).All().Select(View)));
        admin.MapGet("/history", (StoreRegistry stores, ProductCatalogRegistry catalogs, string hash) =>
            stores.Find(hash) is null ? Results.NotFound(new AdminError($"No store '{hash}'.")) : Results.Json(new System.Text.Json.Nodes.JsonArray([.. catalogs.For(hash).History().Select(v => (System.Text.Json.Nodes.JsonNode)v.ToJson())])));
        admin.MapPut("/{id:long}", (ProductCatalogRegistry catalogs, ProductWebhooks hooks, string hash, long id, UpdateProductRequest body) =>
        {
            var updated = catalogs.For(hash).Update(id, p => p with
            {
                Name = body.Name ?? p.Name,
                Price = body.Price ?? p.Price,
                IsVisible = body.IsVisible ?? p.IsVisible,
            });
            if (updated is null)
            {
                return Results.NotFound(new AdminError($"No product {id}."));
            }

            if (body.SkuEvent && updated.Variants.Count > 0)
            {
                hooks.SkuUpdated(hash, id, updated.Variants[0].Id);
            }
            else
            {
                hooks.Updated(hash, id);
            }

            return Results.Ok(View(updated));
        });
        admin.MapDelete("/{id:long}", (ProductCatalogRegistry catalogs, ProductWebhooks hooks, string hash, long id) =>
        {
            if (!catalogs.For(hash).Delete(id))
            {
                return Results.NotFound(new AdminError($"No product {id}."));
            }

            hooks.Deleted(hash, id);
            return Results.NoContent();
        });
        return app;
    }

    private static object View(SandboxProduct p) => new
    {
        id = p.Id,
        name = p.Name,
        sku = p.Sku,
        price = p.Price,
        salePrice = p.SalePrice,
        costPrice = p.CostPrice,
        weight = p.Weight,
        description = p.Description,
        availability = p.Availability,
        isVisible = p.IsVisible,
        dateModified = p.DateModified,
        variants = p.Variants.Select(v => v.Sku),
        variantDetails = p.Variants.Select(v => new { id = v.Id, sku = v.Sku, price = v.Price, salePrice = v.SalePrice, costPrice = v.CostPrice, weight = v.Weight, purchasingDisabled = v.PurchasingDisabled }),
    };
}
