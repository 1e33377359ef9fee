using System.Globalization;
using System.Net;
using System.Text.Json.Serialization;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>
/// The catalog reads of the products pull (products_catalog.v3.yml), on the same pipeline as the other clients (quota
/// gate, retries, breaker per store). Every read asks for the variants and custom fields with the product, so one list
/// call brings up to 250 products whole.
/// </summary>
public sealed class BigCommerceCatalogClient(HttpClient http, IStoreTokenProvider tokens, IOptions<BigCommerceOptions> options)
{
    public const int MaxPageSize = 250;
    private const string Include = "include=variants,custom_fields";

    /// <summary>
    /// GET /v3/catalog/products modified at or after <paramref name="minModified"/>, oldest change first
    /// (<c>sort=date_modified</c>); with <paramref name="afterId"/>, those of that one second only whose id is above it, by id.
    /// </summary>
    public async Task<V3ProductPage> ListProductsAsync(
        string storeHash, DateTimeOffset minModified, long? afterId, int limit, CancellationToken cancellationToken)
    {
        var min = Format(minModified);
        var query = afterId is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"date_modified:min={min}&date_modified:max={min}&id:greater={id}&sort=id&direction=asc")
            : $"date_modified:min={min}&sort=date_modified&direction=asc";
        var relative = string.Create(CultureInfo.InvariantCulture, $"catalog/products?{query}&{Include}&limit={Math.Clamp(limit, 1, MaxPageSize)}");
        using var response = await SendAsync(storeHash, relative, cancellationToken);
        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "list products");
        var body = await StoreApiRequests.ReadJsonAsync<ProductList>(response, "list products", cancellationToken);
        return new V3ProductPage(body?.Data ?? [], body?.Meta?.Pagination?.Total);
    }

    /// <summary>
    /// The ids of the store's products above <paramref name="afterId"/>, by id (<c>id:greater</c>, <c>sort=id</c>): a page of
    /// ids only (<c>include_fields=date_modified</c>: the id always comes, and the smallest field with it).
    /// </summary>
    public async Task<IReadOnlyList<long>> ListProductIdsAsync(string storeHash, long afterId, int limit, CancellationToken cancellationToken)
    {
        var relative = string.Create(CultureInfo.InvariantCulture,
            $"catalog/products?id:greater={afterId}&sort=id&direction=asc&include_fields=date_modified&limit={Math.Clamp(limit, 1, MaxPageSize)}");
        using var response = await SendAsync(storeHash, relative, cancellationToken);
        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "list product ids");
        var body = await StoreApiRequests.ReadJsonAsync<ProductList>(response, "list product ids", cancellationToken);
        return [.. (body?.Data ?? []).Select(p => p.Id)];
    }

    /// <summary>GET /v3/catalog/products/{id} with its variants and custom fields, or null when the store has no such product (deleted).</summary>
    public async Task<V3Product?> GetProductAsync(string storeHash, long productId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, string.Create(CultureInfo.InvariantCulture, $"catalog/products/{productId}?{Include}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, $"read product {productId}");
        return (await StoreApiRequests.ReadJsonAsync<ProductOne>(response, $"read product {productId}", cancellationToken))?.Data;
    }

    /// <summary>BigCommerce's filter format, to the second in UTC: <c>2025-01-15T00:03:17Z</c>.</summary>
    public static string Format(DateTimeOffset at) =>
        Uri.EscapeDataString(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    private Task<HttpResponseMessage> SendAsync(string storeHash, string relative, CancellationToken cancellationToken) =>
        StoreApiRequests.SendAsync(http, tokens, options.Value, storeHash, "v3", HttpMethod.Get, relative, null, cancellationToken);

    private sealed record ProductList
    {
        [JsonPropertyName("data")] public List<V3Product>? Data { get; init; }
        [JsonPropertyName("meta")] public ListMeta? Meta { get; init; }
    }

    private sealed record ProductOne
    {
        [JsonPropertyName("data")] public V3Product? Data { get; init; }
    }

    private sealed record ListMeta
    {
        [JsonPropertyName("pagination")] public Pagination? Pagination { get; init; }
    }

    private sealed record Pagination
    {
        [JsonPropertyName("total")] public long? Total { get; init; }
    }
}
