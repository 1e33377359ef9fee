using System.Globalization;
using System.Text.Json.Nodes;
using Sandbox.BigCommerce;
using Sandbox.Webhooks;

namespace Sandbox.Catalog;

/// <summary>
/// The catalog reads of products_catalog.v3.yml the connector's catalog pull uses: <c>GET /v3/catalog/products</c> with
/// <c>date_modified:min</c>, <c>date_modified:max</c> (both inclusive, to the second), <c>id:greater</c>, <c>id:in</c>,
/// <c>sort</c> (<c>id</c>, <c>date_modified</c>), <c>direction</c>, <c>include</c> (<c>variants</c>, <c>custom_fields</c>), <c>include_fields</c>,
/// <c>page</c> and <c>limit</c> (at most 250; more is a 422), <c>meta.pagination</c> as documented; and
/// <c>GET /v3/catalog/products/{product_id}</c> (404 when there is none). A store whose product catalog is empty keeps the
/// inventory stand-in's answers for <c>GET /v3/catalog/products</c> (<see cref="Inventory.CatalogEndpoints"/>).
/// </summary>
public static class ProductEndpoints
{
    public const string GetProduct = "GET /v3/catalog/products/{product_id}";
    public const int MaxLimit = 250;

    public static IEndpointRouteBuilder MapBigCommerceProducts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stores/{storeHash}/v3/catalog/products/{productId:long}", Get).StoreApiV3(GetProduct);
        return app;
    }

    public static bool Serves(HttpContext http, ProductCatalogRegistry registry) =>
        registry.For(StoreApiFilter.CurrentStore(http).Hash).Count > 0;

    private static IResult Get(HttpContext http, ProductCatalogRegistry registry, long productId)
    {
        var includes = Includes(http.Request.Query["include"].ToString(), out var error);
        if (includes is null)
        {
            return V3Errors.Unprocessable("include", error!);
        }

        return registry.For(StoreApiFilter.CurrentStore(http).Hash).Find(productId) is { } product
            ? Inventory.InventoryEndpoints.Json(new JsonObject { ["data"] = Json(product, includes), ["meta"] = new JsonObject() })
            : V3Errors.Result(StatusCodes.Status404NotFound, "The product was not found.");
    }

    public static IResult List(HttpContext http, ProductCatalogRegistry registry)
    {
        var q = http.Request.Query;
        var includes = Includes(q["include"].ToString(), out var includeError);
        if (includes is null)
        {
            return V3Errors.Unprocessable("include", includeError!);
        }

        if (!TryInt(q["limit"], 50, out var limit) || limit < 1)
        {
            return V3Errors.Unprocessable("limit", "limit must be a positive integer.");
        }

        if (limit > MaxLimit)
        {
            return V3Errors.Unprocessable("limit", $"limit must be at most {MaxLimit}.");
        }

        if (!TryInt(q["page"], 1, out var page) || page < 1)
        {
            return V3Errors.Unprocessable("page", "page must be a positive integer.");
        }

        if (!TryDate(q["date_modified:min"], out var min) || !TryDate(q["date_modified:max"], out var max))
        {
            return V3Errors.Unprocessable("date_modified", "date_modified:min and :max must be ISO 8601 dates (2025-01-15T00:03:17Z or 2025-01-15).");
        }

        long? idGreater = long.TryParse(q["id:greater"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
        var ids = q["id:in"].ToString() is { Length: > 0 } idList
            ? idList.Split(',').Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet()
            : null;
        var skus = SkuFilter(q);
        var sort = q["sort"].ToString();
        if (sort is not ("" or "id" or "date_modified"))
        {
            return V3Errors.Unprocessable("sort", "The sandbox sorts by id or date_modified.");
        }

        var descending = q["direction"].ToString() == "desc";
        var matching = registry.For(StoreApiFilter.CurrentStore(http).Hash).All()
            .Where(p => (min is null || p.DateModified >= min) && (max is null || p.DateModified <= max)
                        && (idGreater is null || p.Id > idGreater) && (ids is null || ids.Contains(p.Id))
                        && (skus is null || skus.Contains(p.Sku)));
        var ordered = sort == "date_modified" ? matching.OrderBy(p => p.DateModified).ThenBy(p => p.Id) : matching.OrderBy(p => p.Id);
        var all = (descending ? ordered.Reverse() : ordered).ToList();
        var fields = q["include_fields"].ToString() is { Length: > 0 } named ? named.Split(',').ToHashSet(StringComparer.Ordinal) : null;
        var data = new JsonArray([.. all.Skip((page - 1) * limit).Take(limit).Select(p => (JsonNode)Only(Json(p, includes), fields))]);
        return Inventory.InventoryEndpoints.Json(new JsonObject
        {
            ["data"] = data,
            ["meta"] = new JsonObject { ["pagination"] = HookJson.Pagination(all.Count, data.Count, limit, page) },
        });
    }

    /// <summary><c>include_fields</c>: "The ID and the specified fields will be returned" (sub-resources asked by <c>include</c> stay).</summary>
    private static JsonObject Only(JsonObject product, HashSet<string>? fields)
    {
        if (fields is not null)
        {
            foreach (var name in product.Select(p => p.Key).Where(k => k is not ("id" or "variants" or "custom_fields") && !fields.Contains(k)).ToList())
            {
                product.Remove(name);
            }
        }

        return product;
    }

    /// <summary>
    /// GET /v3/catalog/variants over the product catalog: <c>sku</c>, <c>sku:in</c> (SKUs match without regard to case),
    /// <c>id:in</c>, <c>product_id:in</c>, <c>page</c>, <c>limit</c> (at most 250). A product without options is listed by its
    /// base variant (its own SKU, no option values); a product with options by its variants.
    /// </summary>
    public static IResult ListVariants(HttpContext http, ProductCatalogRegistry registry)
    {
        var q = http.Request.Query;
        if (!TryInt(q["limit"], 50, out var limit) || limit < 1 || limit > MaxLimit || !TryInt(q["page"], 1, out var page) || page < 1)
        {
            return V3Errors.Unprocessable("limit", $"limit must be 1 to {MaxLimit} and page a positive integer.");
        }

        var skus = SkuFilter(q);
        var ids = Longs(q["id:in"].ToString());
        var productIds = Longs(q["product_id:in"].ToString());
        var all = registry.For(StoreApiFilter.CurrentStore(http).Hash).All()
            .SelectMany(p => p.Variants.Count == 0
                ? [(Product: p, Id: p.BaseVariantId, Sku: p.Sku, Json: CatalogWriteEndpoints.BaseVariantJson(p))]
                : p.Variants.Select(v => (Product: p, v.Id, v.Sku, Json: CatalogWriteEndpoints.VariantJson(p, v))))
            .Where(v => (skus is null || skus.Contains(v.Sku)) && (ids is null || ids.Contains(v.Id)) && (productIds is null || productIds.Contains(v.Product.Id)))
            .ToList();
        var data = new JsonArray([.. all.Skip((page - 1) * limit).Take(limit).Select(v => (JsonNode)v.Json)]);
        return Inventory.InventoryEndpoints.Json(new JsonObject
        {
            ["data"] = data,
            ["meta"] = new JsonObject { ["pagination"] = HookJson.Pagination(all.Count, data.Count, limit, page) },
        });
    }

    private static HashSet<string>? SkuFilter(IQueryCollection q)
    {
        var list = new List<string>();
        if (q["sku"].ToString() is { Length: > 0 } one)
        {
            list.Add(one);
        }

        if (q["sku:in"].ToString() is { Length: > 0 } many)
        {
            list.AddRange(many.Split(','));
        }

        return list.Count == 0 ? null : list.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static HashSet<long>? Longs(string text) => text.Length == 0
        ? null
        : text.Split(',').Select(s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).ToHashSet();

    private static JsonObject Json(SandboxProduct p, IReadOnlySet<string> includes)
    {
        var json = new JsonObject
        {
            ["id"] = p.Id,
            ["name"] = p.Name,
            ["type"] = "physical",
            ["sku"] = p.Sku,
            ["price"] = p.Price,
            ["sale_price"] = p.SalePrice ?? 0m,
            ["retail_price"] = 0m,
            ["cost_price"] = p.CostPrice,
            ["description"] = p.Description,
            ["availability"] = p.Availability,
            ["weight"] = p.Weight,
            ["is_visible"] = p.IsVisible,
            ["date_modified"] = p.DateModified.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
        };
        if (includes.Contains("variants"))
        {
            json["variants"] = new JsonArray([.. p.Variants.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Id,
                ["product_id"] = p.Id,
                ["sku"] = v.Sku,
                ["price"] = v.Price,
                ["sale_price"] = v.SalePrice,
                ["cost_price"] = v.CostPrice,
                ["weight"] = v.Weight,
                ["purchasing_disabled"] = v.PurchasingDisabled,
                ["option_values"] = new JsonArray([.. v.OptionValues.Select(o => (JsonNode)new JsonObject { ["option_display_name"] = o.Option, ["label"] = o.Label })]),
            })]);
        }

        if (includes.Contains("custom_fields"))
        {
            json["custom_fields"] = new JsonArray([.. p.CustomFields.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value })]);
        }

        return json;
    }

    private static readonly HashSet<string> KnownIncludes =
        ["variants", "images", "custom_fields", "bulk_pricing_rules", "primary_image", "modifiers", "options", "videos"];

    private static HashSet<string>? Includes(string value, out string? error)
    {
        var includes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = includes.FirstOrDefault(i => !KnownIncludes.Contains(i));
        error = unknown is null ? null : $"include has an unknown sub-resource '{unknown}'.";
        return unknown is null ? includes : null;
    }

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        if (value.Count == 0 || string.IsNullOrEmpty(value.ToString()))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }

    private static bool TryDate(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? result)
    {
        result = null;
        var text = value.ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return false;
        }

        result = at;
        return true;
    }
}
