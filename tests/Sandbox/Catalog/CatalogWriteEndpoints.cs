using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.BigCommerce;

namespace Sandbox.Catalog;

/// <summary>
/// The catalog writes the connector's catalog push uses, as products_catalog.v3.yml and product-variants_catalog.v3.yml
/// give them: <c>PUT /v3/catalog/products</c> (a batch of at most 10, each with its <c>id</c>; 413 beyond), <c>PUT
/// /v3/catalog/variants</c> (at most 50, each with its <c>id</c>; 413 beyond), <c>POST /v3/catalog/products</c> (one simple
/// product: <c>name</c>, <c>type</c>, <c>weight</c>, <c>price</c> required). A batch is all or nothing, as BigCommerce: one bad item
/// refuses it whole (422: a name of 0 or more than 250 characters, a negative price or weight, an unknown availability or
/// variant; 409: a product name another product has; 404: an unknown product id). Each change is a new version (its own
/// <c>date_modified</c>) and fires <c>store/product/updated</c> (<c>store/sku/updated</c> for a variant, <c>store/product/created</c>
/// for a new product), like BigCommerce.
/// </summary>
public static class CatalogWriteEndpoints
{
    public const string UpdateProducts = "PUT /v3/catalog/products";
    public const string UpdateVariants = "PUT /v3/catalog/variants";
    public const string CreateProduct = "POST /v3/catalog/products";
    public const int MaxProductsPerPut = 10;
    public const int MaxVariantsPerPut = 50;
    public const int MaxNameLength = 250;

    private static readonly HashSet<string> Availabilities = ["available", "disabled", "preorder"];

    public static IEndpointRouteBuilder MapBigCommerceCatalogWrites(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup("/stores/{storeHash}/v3/catalog");
        catalog.MapPut("/products", PutProducts).StoreApiV3(UpdateProducts);
        catalog.MapPut("/variants", PutVariants).StoreApiV3(UpdateVariants);
        catalog.MapPost("/products", PostProduct).StoreApiV3(CreateProduct);
        return app;
    }

    private static async Task<IResult> PutProducts(HttpContext http, ProductCatalogRegistry registry, ProductWebhooks hooks)
    {
        var (items, refusal) = await ReadArrayAsync(http, MaxProductsPerPut);
        if (items is null)
        {
            return refusal!;
        }

        var changes = new List<(long, Func<SandboxProduct, SandboxProduct>)>();
        foreach (var item in items)
        {
            if (item["id"]?.GetValueKind() != JsonValueKind.Number)
            {
                return V3Errors.Result(422, "Each product to update needs its id.");
            }

            changes.Add((item["id"]!.GetValue<long>(), p => ApplyProduct(p, item)));
        }

        var hash = StoreApiFilter.CurrentStore(http).Hash;
        var write = Recorded(http, items.SelectMany(i => Sets(i, registry.For(hash).Find(i["id"]!.GetValue<long>())?.Sku, ProductFields)));
        var (updated, status, reason) = registry.For(hash).UpdateBatch(changes, InvalidProduct, write);
        if (reason is not null)
        {
            return V3Errors.Result(status, reason);
        }

        foreach (var product in updated)
        {
            hooks.Updated(hash, product.Id);
        }

        return Inventory.InventoryEndpoints.Json(new JsonObject
        {
            ["data"] = new JsonArray([.. updated.Select(p => (JsonNode)ProductJson(p))]),
            ["meta"] = new JsonObject(),
        });
    }

    private static async Task<IResult> PutVariants(HttpContext http, ProductCatalogRegistry registry, ProductWebhooks hooks)
    {
        var (items, refusal) = await ReadArrayAsync(http, MaxVariantsPerPut);
        if (items is null)
        {
            return refusal!;
        }

        var hash = StoreApiFilter.CurrentStore(http).Hash;
        var catalog = registry.For(hash);
        var byProduct = new Dictionary<long, List<JsonObject>>();
        foreach (var item in items)
        {
            if (item["id"]?.GetValueKind() != JsonValueKind.Number || catalog.FindByVariant(item["id"]!.GetValue<long>()) is not { } product)
            {
                return BatchError(422, $"The variant {item["id"]?.ToJsonString() ?? "(no id)"} was not found.");
            }

            if (!byProduct.TryGetValue(product.Id, out var list))
            {
                byProduct[product.Id] = list = [];
            }

            list.Add(item);
        }

        var write = Recorded(http, byProduct.SelectMany(p => p.Value.SelectMany(i =>
            Sets(i, catalog.Find(p.Key)?.Variants.FirstOrDefault(v => v.Id == i["id"]!.GetValue<long>())?.Sku, VariantFields))));
        var (updated, status, reason) = catalog.UpdateBatch(
            [.. byProduct.Select(p => (p.Key, (Func<SandboxProduct, SandboxProduct>)(product => ApplyVariants(product, p.Value))))], InvalidProduct, write);
        if (reason is not null)
        {
            return BatchError(status, reason);
        }

        var data = new JsonArray();
        foreach (var product in updated)
        {
            foreach (var item in byProduct[product.Id])
            {
                var variant = product.Variants.First(v => v.Id == item["id"]!.GetValue<long>());
                hooks.SkuUpdated(hash, product.Id, variant.Id);
                data.Add(VariantJson(product, variant));
            }
        }

        return Inventory.InventoryEndpoints.Json(new JsonObject { ["data"] = data, ["meta"] = new JsonObject() });
    }

    private static async Task<IResult> PostProduct(HttpContext http, ProductCatalogRegistry registry, ProductWebhooks hooks)
    {
        var (body, refusal) = await JsonRequestBody.ReadObjectAsync(http);
        if (body is null)
        {
            return refusal!;
        }

        var missing = new[] { "name", "type", "weight", "price" }.Where(f => body[f] is null).ToList();
        if (missing.Count > 0)
        {
            return V3Errors.Result(422, "The product is missing required fields.", missing.ToDictionary(f => f, f => $"{f} is required."));
        }

        var draft = ApplyProduct(new SandboxProduct(0, "", body["sku"]?.GetValue<string>() ?? "", 0m, null, 0m, false, default, [], []), body);
        if (InvalidProduct(draft) is { } invalid)
        {
            return V3Errors.Result(422, invalid);
        }

        var hash = StoreApiFilter.CurrentStore(http).Hash;
        var (created, conflict) = registry.For(hash).CreateOne(draft, Recorded(http, Sets(body, draft.Sku, ProductFields)));
        if (created is null)
        {
            return V3Errors.Result(409, conflict!);
        }

        hooks.Created(hash, created.Id);
        return Inventory.InventoryEndpoints.Json(new JsonObject { ["data"] = ProductJson(created), ["meta"] = new JsonObject() });
    }

    private static readonly string[] ProductFields = ["name", "description", "price", "sale_price", "cost_price", "weight", "is_visible", "availability"];
    private static readonly string[] VariantFields = ["price", "sale_price", "cost_price", "weight", "purchasing_disabled"];

    /// <summary>What one item of a write sets, for the catalog's history.</summary>
    private static IEnumerable<CatalogFieldWrite> Sets(JsonObject item, string? sku, string[] fields) =>
        fields.Where(f => item[f] is not null).Select(f => new CatalogFieldWrite(sku ?? "", f, CatalogFieldWrite.Text(item[f])));

    private static ApiCatalogWrite Recorded(HttpContext http, IEnumerable<CatalogFieldWrite> writes)
    {
        var write = new ApiCatalogWrite([.. writes]);
        write.Watch(http);
        return write;
    }

    private static SandboxProduct ApplyProduct(SandboxProduct p, JsonObject item) => p with
    {
        Name = Text(item, "name") ?? p.Name,
        Description = Text(item, "description") ?? p.Description,
        Price = Number(item, "price") ?? p.Price,
        SalePrice = Number(item, "sale_price") ?? p.SalePrice,
        CostPrice = Number(item, "cost_price") ?? p.CostPrice,
        Weight = Number(item, "weight") ?? p.Weight,
        IsVisible = item["is_visible"]?.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? item["is_visible"]!.GetValue<bool>() : p.IsVisible,
        Availability = Text(item, "availability") ?? p.Availability,
    };

    private static SandboxProduct ApplyVariants(SandboxProduct p, IReadOnlyList<JsonObject> items) => p with
    {
        Variants = [.. p.Variants.Select(v => items.FirstOrDefault(i => i["id"]!.GetValue<long>() == v.Id) is { } item
            ? v with
            {
                Price = Number(item, "price") ?? v.Price,
                SalePrice = Number(item, "sale_price") ?? v.SalePrice,
                CostPrice = Number(item, "cost_price") ?? v.CostPrice,
                Weight = Number(item, "weight") ?? v.Weight,
                PurchasingDisabled = item["purchasing_disabled"]?.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? item["purchasing_disabled"]!.GetValue<bool>() : v.PurchasingDisabled,
            }
            : v)],
    };

    /// <summary>The spec's constraints on what the push sets; null when the product is valid.</summary>
    private static string? InvalidProduct(SandboxProduct p)
    {
        if (p.Name.Length is 0 or > MaxNameLength)
        {
            return $"name must be 1 to {MaxNameLength} characters.";
        }

        if (p.Price < 0 || p.SalePrice < 0 || p.CostPrice < 0 || p.Weight < 0
            || p.Variants.Any(v => v.Price < 0 || v.SalePrice < 0 || v.CostPrice < 0 || v.Weight < 0))
        {
            return "Prices and weights must be 0 or more.";
        }

        return Availabilities.Contains(p.Availability) ? null : "availability must be available, disabled or preorder.";
    }

    private static async Task<(List<JsonObject>? Items, IResult? Refusal)> ReadArrayAsync(HttpContext http, int max)
    {
        JsonNode? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonNode>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return (null, V3Errors.Result(400, "The request body is not valid JSON."));
        }

        if (body is not JsonArray array || array.Any(i => i is not JsonObject))
        {
            return (null, V3Errors.Result(422, "The request body must be an array of objects."));
        }

        if (array.Count > max)
        {
            return (null, V3Errors.Result(413, $"The request payload is too large. The maximum items allowed in the array is {max}."));
        }

        return ([.. array.Cast<JsonObject>()], null);
    }

    /// <summary>product-variants_catalog.v3.yml's batch error: <c>{batch_errors: [{status, title, type, errors}]}</c>.</summary>
    private static IResult BatchError(int status, string title) => Results.Json(new JsonObject
    {
        ["batch_errors"] = new JsonArray(new JsonObject { ["status"] = status, ["title"] = title, ["type"] = V3Errors.TypeLink, ["errors"] = new JsonObject() }),
    }, SandboxJson.Options, statusCode: status);

    public static JsonObject ProductJson(SandboxProduct p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["type"] = "physical",
        ["sku"] = p.Sku,
        ["description"] = p.Description,
        ["price"] = p.Price,
        ["sale_price"] = p.SalePrice ?? 0m,
        ["cost_price"] = p.CostPrice,
        ["weight"] = p.Weight,
        ["is_visible"] = p.IsVisible,
        ["availability"] = p.Availability,
        ["base_variant_id"] = p.BaseVariantId,
        ["date_modified"] = p.DateModified.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
    };

    public static JsonObject VariantJson(SandboxProduct p, SandboxVariant v) => new()
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
    };

    /// <summary>A simple product's base variant: its own SKU and prices, no option values.</summary>
    public static JsonObject BaseVariantJson(SandboxProduct p) => new()
    {
        ["id"] = p.BaseVariantId,
        ["product_id"] = p.Id,
        ["sku"] = p.Sku,
        ["price"] = p.Price,
        ["sale_price"] = p.SalePrice,
        ["cost_price"] = p.CostPrice,
        ["weight"] = p.Weight,
        ["purchasing_disabled"] = p.Availability == "disabled",
        ["option_values"] = new JsonArray(),
    };

    private static string? Text(JsonObject item, string name) => item[name]?.GetValueKind() == JsonValueKind.String ? item[name]!.GetValue<string>() : null;

    private static decimal? Number(JsonObject item, string name) => item[name]?.GetValueKind() == JsonValueKind.Number ? item[name]!.GetValue<decimal>() : null;
}
