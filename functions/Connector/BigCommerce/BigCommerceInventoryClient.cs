using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Connector.Inventory;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>How one absolute adjustment ended for a SKU.</summary>
public enum AdjustmentOutcome
{
    Applied,

    /// <summary>422 "tracked by product": the item must be addressed by product_id.</summary>
    TrackedByProduct,

    /// <summary>422/404 otherwise: BigCommerce does not know this SKU. Not worth retrying.</summary>
    UnknownSku,
}

public sealed record AdjustmentResult(AdjustmentOutcome Outcome, string? Reason = null);

/// <summary>One SKU's absolute quantities per location, addressed by SKU or, for a product tracked by product, by its product_id.</summary>
public sealed record SkuAdjustment(string Sku, long? ProductId, IReadOnlyDictionary<long, int> Quantities);

/// <summary>
/// Inventory (inventory.v3 absolute adjustments), locations (locations.v3) and the one catalog lookup the
/// flow needs, on the same pipeline as the other clients (quota gate, retries, breaker per store).
/// </summary>
public sealed class BigCommerceInventoryClient(HttpClient http, IStoreTokenProvider tokens, IOptions<BigCommerceOptions> options)
{
    public const string Reason = "Back-office stock level";

    public async Task<IReadOnlyList<StoreLocation>> ListLocationsAsync(string storeHash, CancellationToken cancellationToken)
    {
        var all = new List<StoreLocation>();
        for (var page = 1; page <= 20; page++)
        {
            using var response = await SendAsync(storeHash, HttpMethod.Get,
                string.Create(CultureInfo.InvariantCulture, $"inventory/locations?limit=250&page={page}"), null, cancellationToken);
            await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "list locations");
            var body = await StoreApiRequests.ReadJsonAsync<V3Envelope<List<V3Location>>>(response, "list locations", cancellationToken);
            var items = body?.Data ?? [];
            all.AddRange(items.Select(l => new StoreLocation(l.Id, l.Code, l.Label, l.Enabled ?? true)));
            if (items.Count < 250)
            {
                break;
            }
        }

        return all;
    }

    /// <summary>PUT /v3/inventory/adjustments/absolute for one SKU (or product) at one or more locations.</summary>
    public Task<AdjustmentResult> SetAbsoluteAsync(
        string storeHash, string sku, long? productId, IReadOnlyDictionary<long, int> quantities, CancellationToken cancellationToken) =>
        SetAbsoluteAsync(storeHash, [new SkuAdjustment(sku, productId, quantities)], cancellationToken);

    /// <summary>
    /// One PUT /v3/inventory/adjustments/absolute for several SKUs (up to 2,000 items in all). BigCommerce checks every
    /// item first and refuses the whole request (422, or 404) if one is bad; the outcome is then the request's, and
    /// says which SKU only when there was one (see <see cref="Inventory.AdjustmentBatcher"/>).
    /// </summary>
    public async Task<AdjustmentResult> SetAbsoluteAsync(string storeHash, IReadOnlyList<SkuAdjustment> skus, CancellationToken cancellationToken)
    {
        var items = skus.SelectMany(s => s.Quantities.Select(q => s.ProductId is { } id
            ? (object)new { location_id = q.Key, product_id = id, quantity = q.Value }
            : new { location_id = q.Key, sku = s.Sku, quantity = q.Value })).ToList();
        using var content = JsonContent.Create(new { reason = Reason, items });
        using var response = await SendAsync(storeHash, HttpMethod.Put, "inventory/adjustments/absolute", content, cancellationToken);
        if (response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.NotFound)
        {
            var title = await ProblemTitleAsync(response, cancellationToken);
            // inventory.v3.yml: "[Item with variant_id 106 is tracked by product, please update stock by product id]".
            return title.Contains("tracked by product", StringComparison.OrdinalIgnoreCase) && skus.Any(s => s.ProductId is null)
                ? new AdjustmentResult(AdjustmentOutcome.TrackedByProduct, title)
                : new AdjustmentResult(AdjustmentOutcome.UnknownSku, $"BigCommerce answered {(int)response.StatusCode}: {title}");
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response,
            skus.Count == 1 ? $"set stock of SKU {skus[0].Sku}" : string.Create(CultureInfo.InvariantCulture, $"set stock of {skus.Count} SKUs"));
        return new AdjustmentResult(AdjustmentOutcome.Applied);
    }

    /// <summary>The error's <c>title</c> (ErrorResponse, application/problem+json), or the body itself when it has none; cut short.</summary>
    private static async Task<string> ProblemTitleAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String)
            {
                title = t.GetString();
            }
        }
        catch (JsonException)
        {
            // Not the documented shape (a proxy's page, say): the raw text explains it best.
        }

        title ??= text;
        return title.Length > 300 ? title[..300] + "…" : title;
    }

    /// <summary>The product a SKU belongs to (GET /v3/catalog/variants?sku=), or null when the catalog has no such SKU.</summary>
    public async Task<long?> FindProductIdAsync(string storeHash, string sku, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Get, $"catalog/variants?sku={Uri.EscapeDataString(sku)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, $"find SKU {sku}");
        var body = await StoreApiRequests.ReadJsonAsync<V3Envelope<List<V3Variant>>>(response, $"find SKU {sku}", cancellationToken);
        return body?.Data?.FirstOrDefault(v => string.Equals(v.Sku, sku, StringComparison.Ordinal))?.ProductId
               ?? body?.Data?.FirstOrDefault()?.ProductId;
    }

    private Task<HttpResponseMessage> SendAsync(
        string storeHash, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken) =>
        StoreApiRequests.SendAsync(http, tokens, options.Value, storeHash, "v3", method, relative, content, cancellationToken);

    private sealed record V3Location
    {
        [JsonPropertyName("id")] public long Id { get; init; }
        [JsonPropertyName("code")] public string? Code { get; init; }
        [JsonPropertyName("label")] public string? Label { get; init; }
        [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    }

    private sealed record V3Variant
    {
        [JsonPropertyName("product_id")] public long ProductId { get; init; }
        [JsonPropertyName("sku")] public string? Sku { get; init; }
    }
}
