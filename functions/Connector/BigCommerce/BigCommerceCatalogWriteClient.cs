using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>
/// The catalog writes of the push (products_catalog.v3.yml, product-variants_catalog.v3.yml), on the same pipeline as the
/// other clients: SKU lookups, the batch updates (<see cref="MaxProductsPerPut"/> products, <see cref="MaxVariantsPerPut"/>
/// variants per request), and the creation of a simple product. A refusal of the request (409, 422, 413, 404) is a
/// <see cref="CatalogWriteResult.Refused"/>; 429, 5xx, timeouts, 401 and 403 throw as for the other clients.
/// </summary>
public sealed class BigCommerceCatalogWriteClient(HttpClient http, IStoreTokenProvider tokens, IOptions<BigCommerceOptions> options)
{
    public const int MaxProductsPerPut = 10;
    public const int MaxVariantsPerPut = 50;

    /// <summary>SKUs per lookup: a query string of 50 SKUs stays well inside URL limits, and one page (250) holds every match.</summary>
    public const int MaxSkusPerLookup = 50;

    private static readonly JsonSerializerOptions Write = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>
    /// GET /v3/catalog/variants?sku:in=…: every variant (a simple product's base variant included) with one of these SKUs.
    /// A SKU holding a comma is asked for on its own (<see cref="SkuQueries"/>).
    /// </summary>
    public Task<IReadOnlyList<V3VariantMatch>> FindVariantsAsync(string storeHash, IReadOnlyCollection<string> skus, CancellationToken cancellationToken) =>
        LookUpAsync<V3VariantMatch>(storeHash, "catalog/variants", "id,product_id,sku,option_values", skus, "find variants by SKU", cancellationToken);

    /// <summary>GET /v3/catalog/products?sku:in=…: the products whose own SKU is one of these (a product with options has one beside its variants').</summary>
    public Task<IReadOnlyList<V3Product>> FindProductsAsync(string storeHash, IReadOnlyCollection<string> skus, CancellationToken cancellationToken) =>
        LookUpAsync<V3Product>(storeHash, "catalog/products", "id,sku,date_modified", skus, "find products by SKU", cancellationToken);

    private async Task<IReadOnlyList<T>> LookUpAsync<T>(
        string storeHash, string path, string fields, IReadOnlyCollection<string> skus, string what, CancellationToken cancellationToken)
    {
        var found = new List<T>();
        foreach (var query in SkuQueries(skus))
        {
            using var response = await SendAsync(storeHash, HttpMethod.Get, $"{path}?{query}&include_fields={fields}&limit=250", null, cancellationToken);
            await StoreApiRequests.EnsureSuccessAsync(storeHash, response, what);
            found.AddRange((await StoreApiRequests.ReadJsonAsync<Envelope<List<T>>>(response, what, cancellationToken))?.Data ?? []);
        }

        return found;
    }

    /// <summary>GET /v3/catalog/products?id:in=…, <see cref="MaxSkusPerLookup"/> ids a request: the products' current versions (<c>date_modified</c>).</summary>
    public async Task<IReadOnlyList<V3ProductVersion>> ReadVersionsAsync(string storeHash, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken)
    {
        var versions = new List<V3ProductVersion>();
        foreach (var chunk in productIds.Chunk(MaxSkusPerLookup))
        {
            var ids = string.Join(',', chunk.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            using var response = await SendAsync(storeHash, HttpMethod.Get, $"catalog/products?id:in={ids}&include_fields=id,date_modified&limit=250", null, cancellationToken);
            await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "read product versions");
            var products = (await StoreApiRequests.ReadJsonAsync<Envelope<List<V3Product>>>(response, "read product versions", cancellationToken))?.Data ?? [];
            versions.AddRange(products.Select(p => new V3ProductVersion(p.Id, p.DateModified)));
        }

        return versions;
    }

    /// <summary>PUT /v3/catalog/products with up to <see cref="MaxProductsPerPut"/> products.</summary>
    public async Task<CatalogWriteResult> UpdateProductsAsync(string storeHash, IReadOnlyList<V3ProductWrite> products, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(products.Count, MaxProductsPerPut);
        using var response = await SendAsync(storeHash, HttpMethod.Put, "catalog/products", JsonContent.Create(products, options: Write), cancellationToken);
        return await ProductsResultAsync(storeHash, response, "update products", cancellationToken);
    }

    /// <summary>PUT /v3/catalog/variants with up to <see cref="MaxVariantsPerPut"/> variants.</summary>
    public async Task<CatalogWriteResult> UpdateVariantsAsync(string storeHash, IReadOnlyList<V3VariantWrite> variants, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(variants.Count, MaxVariantsPerPut);
        using var response = await SendAsync(storeHash, HttpMethod.Put, "catalog/variants", JsonContent.Create(variants, options: Write), cancellationToken);
        if (await RefusalAsync(response) is { } refused)
        {
            return refused;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "update variants");
        return new CatalogWriteResult.Applied([]);
    }

    /// <summary>POST /v3/catalog/products: one new product (BigCommerce creates one per request).</summary>
    public async Task<CatalogWriteResult> CreateProductAsync(string storeHash, V3ProductWrite product, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Post, "catalog/products", JsonContent.Create(product, options: Write), cancellationToken);
        if (await RefusalAsync(response) is { } refused)
        {
            return refused;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "create a product");
        var body = await StoreApiRequests.ReadJsonAsync<Envelope<V3Product>>(response, "create a product", cancellationToken);
        return new CatalogWriteResult.Applied(body?.Data is { } created ? [new V3ProductVersion(created.Id, created.DateModified)] : []);
    }

    private static async Task<CatalogWriteResult> ProductsResultAsync(string storeHash, HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(response) is { } refused)
        {
            return refused;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, what);
        var body = await StoreApiRequests.ReadJsonAsync<Envelope<List<V3Product>>>(response, what, cancellationToken);
        return new CatalogWriteResult.Applied([.. (body?.Data ?? []).Select(p => new V3ProductVersion(p.Id, p.DateModified))]);
    }

    /// <summary>409, 422, 413 and 404 refuse the request as sent; BigCommerce's title (and errors) say why.</summary>
    private static async Task<CatalogWriteResult.Refused?> RefusalAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is not (409 or 422 or 413 or 404))
        {
            return null;
        }

        var text = await response.Content.ReadAsStringAsync();
        var reason = text;
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object ? e.GetRawText() : null;
                if (root.TryGetProperty("batch_errors", out var batch) && batch.ValueKind == JsonValueKind.Array && batch.GetArrayLength() > 0
                    && batch[0].TryGetProperty("title", out var first) && first.ValueKind == JsonValueKind.String)
                {
                    title ??= first.GetString();
                }

                reason = title is null ? text : errors is null or "{}" ? title : $"{title} {errors}";
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text.
        }

        return new CatalogWriteResult.Refused(status, reason.Length > 300 ? reason[..300] + "…" : reason);
    }

    /// <summary>
    /// The lookups for these SKUs: one <c>sku:in</c> list of those without a comma, and one exact <c>sku=</c> for each that has
    /// one (<c>sku:in</c> is split on commas, so such a SKU would be looked up as its pieces and never found).
    /// </summary>
    public static IEnumerable<string> SkuQueries(IReadOnlyCollection<string> skus)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(skus.Count, MaxSkusPerLookup);
        var plain = skus.Where(s => !s.Contains(',', StringComparison.Ordinal)).ToList();
        if (plain.Count > 0)
        {
            yield return "sku:in=" + string.Join(',', plain.Select(Uri.EscapeDataString));
        }

        foreach (var sku in skus.Where(s => s.Contains(',', StringComparison.Ordinal)))
        {
            yield return "sku=" + Uri.EscapeDataString(sku);
        }
    }

    private Task<HttpResponseMessage> SendAsync(string storeHash, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken) =>
        StoreApiRequests.SendAsync(http, tokens, options.Value, storeHash, "v3", method, relative, content, cancellationToken);

    private sealed record Envelope<T>
    {
        [JsonPropertyName("data")] public T? Data { get; init; }
    }
}
