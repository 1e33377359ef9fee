using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Orders;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>The V2 orders endpoints the connector uses (orders.v2.oas2.yml).</summary>
public sealed class BigCommerceOrdersClient(HttpClient http, IStoreTokenProvider tokens, IOptions<BigCommerceOptions> options)
{
    /// <summary>Line items V2 embeds in an order's consignments; an order with more is read from /products.</summary>
    public const int EmbeddedLineItemLimit = 50;

    private const string OrderIncludes = "include=consignments.line_items&consignment_structure=object";

    /// <summary>
    /// One page of orders (see <see cref="OrderPageRequest"/>), each with its line items and shipping addresses embedded
    /// as <c>GET /orders/{id}</c> has them (Get All Orders takes the same include), so the page alone can deliver them.
    /// An empty page is empty, not an error.
    /// </summary>
    public async Task<IReadOnlyList<V2Order>> ListOrdersAsync(string storeHash, OrderPageRequest request, CancellationToken cancellationToken)
    {
        var min = Uri.EscapeDataString(Rfc2822Date.Format(request.MinModified));
        var limit = options.Value.OrdersPageSize;
        var query = request.AfterId is { } afterId
            ? string.Create(CultureInfo.InvariantCulture,
                $"orders?min_date_modified={min}&max_date_modified={min}&min_id={afterId + 1}&sort=id:asc&limit={limit}&{OrderIncludes}")
            : string.Create(CultureInfo.InvariantCulture, $"orders?min_date_modified={min}&sort=date_modified:asc&limit={limit}&{OrderIncludes}");
        using var response = await SendAsync(storeHash, HttpMethod.Get, query, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        await EnsureSuccessAsync(storeHash, response, "list orders");
        var orders = await ReadJsonAsync<List<V2Order>>(response, "list orders", cancellationToken) ?? [];
        return orders.Select(o => V2OrderValidation.Validate(o, "list orders")).ToList();
    }

    /// <summary>
    /// The orders with ids from <paramref name="minId"/> to <paramref name="maxId"/>, by id, embedded as
    /// <see cref="ListOrdersAsync"/> has them: one page, so the range must span at most <see cref="BigCommerceOptions.OrdersPageSize"/>
    /// ids. An order V2's list leaves out (incomplete, archived) is simply not there.
    /// </summary>
    public async Task<IReadOnlyList<V2Order>> ListOrdersByIdAsync(string storeHash, long minId, long maxId, CancellationToken cancellationToken)
    {
        var limit = options.Value.OrdersPageSize;
        if (maxId - minId >= limit)
        {
            throw new ArgumentOutOfRangeException(nameof(maxId), $"A range of ids spans at most {limit}, one page.");
        }

        var query = string.Create(CultureInfo.InvariantCulture, $"orders?min_id={minId}&max_id={maxId}&sort=id:asc&limit={limit}&{OrderIncludes}");
        using var response = await SendAsync(storeHash, HttpMethod.Get, query, null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        await EnsureSuccessAsync(storeHash, response, "list orders by id");
        var orders = await ReadJsonAsync<List<V2Order>>(response, "list orders by id", cancellationToken) ?? [];
        return orders.Select(o => V2OrderValidation.Validate(o, "list orders by id")).ToList();
    }

    /// <summary>
    /// Proves a token works for a store with one cheap read, using that token alone (not the vault's): a registration
    /// checks a new token before it replaces a working one. Throws <see cref="StoreUnauthorizedException"/> when
    /// BigCommerce refuses it, <see cref="BigCommerceApiException"/> when BigCommerce cannot answer.
    /// </summary>
    public async Task CheckTokenAsync(string storeHash, string candidateToken, CancellationToken cancellationToken)
    {
        var now = Uri.EscapeDataString(Rfc2822Date.Format(DateTimeOffset.UtcNow));
        using var response = await StoreApiRequests.SendAsync(http, new CandidateToken(candidateToken), options.Value, storeHash, "v2",
            HttpMethod.Get, $"orders?min_date_modified={now}&sort=date_modified:asc&limit=1", null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            await EnsureSuccessAsync(storeHash, response, "check the access token");
        }
    }

    /// <summary>One token, nothing cached: a 401 is the answer, not a reason to read the vault.</summary>
    private sealed class CandidateToken(string token) : IStoreTokenProvider
    {
        public ValueTask<string> GetAccessTokenAsync(string storeHash, CancellationToken cancellationToken) => ValueTask.FromResult(token);

        public void Forget(string storeHash)
        {
        }
    }

    /// <summary>One order with its line items and where they ship, in one call when V2 allows; null if it does not exist.</summary>
    public async Task<V2Order?> GetOrderAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var what = $"order {orderId}";
        using var response = await SendAsync(storeHash, HttpMethod.Get, $"orders/{orderId}?{OrderIncludes}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(storeHash, response, what);
        return V2OrderValidation.Validate(await ReadJsonAsync<V2Order>(response, what, cancellationToken), what);
    }

    /// <summary>Every line item of an order, paged; used when the order has more than V2 embeds.</summary>
    public async Task<IReadOnlyList<V2OrderProduct>> ListOrderProductsAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        const int limit = 250;
        var all = new List<V2OrderProduct>();
        for (var page = 1; ; page++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"orders/{orderId}/products?limit={limit}&page={page}");
            // orders.v2.oas2.yml marks Content-Type required on this GET (alone among the reads): it goes with an empty body.
            using var contentType = StoreApiRequests.EmptyJsonBody();
            using var response = await SendAsync(storeHash, HttpMethod.Get, path, contentType, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return all;
            }

            await EnsureSuccessAsync(storeHash, response, $"products of order {orderId}");
            var items = await ReadJsonAsync<List<V2OrderProduct>>(response, $"products of order {orderId}", cancellationToken) ?? [];
            all.AddRange(items);
            if (items.Count < limit)
            {
                return all;
            }
        }
    }

    /// <summary>Moves an order to another status; returns the order as it is after the change.</summary>
    public async Task<V2Order> UpdateOrderStatusAsync(string storeHash, long orderId, int statusId, CancellationToken cancellationToken)
    {
        var what = $"update status of order {orderId}";
        using var body = JsonContent.Create(new { status_id = statusId });
        using var response = await SendAsync(storeHash, HttpMethod.Put, $"orders/{orderId}", body, cancellationToken);
        await EnsureSuccessAsync(storeHash, response, what);
        return V2OrderValidation.Validate(await ReadJsonAsync<V2Order>(response, what, cancellationToken), what);
    }

    /// <summary>
    /// The store's order statuses (GET /v2/order_statuses), in the store's display order, named as the merchant named
    /// them (<c>custom_label</c>, else <c>name</c>): the settings page shows these names and stores only the ids.
    /// </summary>
    public async Task<IReadOnlyList<V2OrderStatus>> ListOrderStatusesAsync(string storeHash, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Get, "order_statuses", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return [];
        }

        await EnsureSuccessAsync(storeHash, response, "list order statuses");
        var statuses = await ReadJsonAsync<List<V2OrderStatus>>(response, "list order statuses", cancellationToken) ?? [];
        return statuses.OrderBy(s => s.Order ?? s.Id).ThenBy(s => s.Id).ToList();
    }

    private Task<HttpResponseMessage> SendAsync(
        string storeHash, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken) =>
        StoreApiRequests.SendAsync(http, tokens, options.Value, storeHash, "v2", method, relative, content, cancellationToken);

    private static Task EnsureSuccessAsync(string storeHash, HttpResponseMessage response, string what) =>
        StoreApiRequests.EnsureSuccessAsync(storeHash, response, what);

    private static Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken) =>
        StoreApiRequests.ReadJsonAsync<T>(response, what, cancellationToken);
}
