using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>
/// V2 order shipments (orders.v2.oas2.yml, Order Shipments). Its HTTP client repeats a POST only after a 429: BigCommerce
/// takes no idempotency key for shipments, so after a 5xx or a timeout the caller looks at the order's shipments first.
/// </summary>
public sealed class BigCommerceShipmentsClient(HttpClient http, IStoreTokenProvider tokens, IOptions<BigCommerceOptions> options)
{
    /// <summary>Creates a shipment. A refusal (400: a quantity, an address) throws <see cref="BigCommerceApiException"/> with IsTransient false.</summary>
    /// <returns>Null when BigCommerce has no such order (404).</returns>
    public async Task<V2Shipment?> CreateAsync(string storeHash, long orderId, V2ShipmentRequest shipment, CancellationToken cancellationToken)
    {
        var what = $"create a shipment on order {orderId}";
        using var body = JsonContent.Create(shipment, options: BigCommerceJson.Options);
        using var response = await SendAsync(storeHash, HttpMethod.Post, $"orders/{orderId}/shipments", body, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, what);
        return await StoreApiRequests.ReadJsonAsync<V2Shipment>(response, what, cancellationToken)
               ?? throw new BigCommerceResponseException($"{what}: BigCommerce answered {(int)response.StatusCode} without a shipment.");
    }

    /// <summary>One shipment of an order.</summary>
    /// <returns>Null when BigCommerce has no such order, or no such shipment on it (404: deleted meanwhile).</returns>
    public async Task<V2Shipment?> GetAsync(string storeHash, long orderId, long shipmentId, CancellationToken cancellationToken)
    {
        var what = $"shipment {shipmentId} of order {orderId}";
        using var response = await SendAsync(storeHash, HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"orders/{orderId}/shipments/{shipmentId}"), null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, what);
        return await StoreApiRequests.ReadJsonAsync<V2Shipment>(response, what, cancellationToken)
               ?? throw new BigCommerceResponseException($"{what}: BigCommerce answered {(int)response.StatusCode} without a shipment.");
    }

    /// <summary>Every shipment of an order, paged; empty when it has none.</summary>
    /// <returns>Null when BigCommerce has no such order (404).</returns>
    public async Task<IReadOnlyList<V2Shipment>?> ListAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        const int limit = 250;
        var all = new List<V2Shipment>();
        for (var page = 1; ; page++)
        {
            var what = $"shipments of order {orderId}";
            using var response = await SendAsync(storeHash, HttpMethod.Get,
                string.Create(CultureInfo.InvariantCulture, $"orders/{orderId}/shipments?limit={limit}&page={page}"), null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return all;
            }

            await StoreApiRequests.EnsureSuccessAsync(storeHash, response, what);
            var items = await StoreApiRequests.ReadJsonAsync<List<V2Shipment>>(response, what, cancellationToken) ?? [];
            all.AddRange(items);
            if (items.Count < limit)
            {
                return all;
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(string storeHash, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken) =>
        StoreApiRequests.SendAsync(http, tokens, options.Value, storeHash, "v2", method, relative, content, cancellationToken);
}
