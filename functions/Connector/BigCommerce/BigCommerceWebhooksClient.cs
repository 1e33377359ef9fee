using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>
/// The V3 webhooks endpoints (webhooks.v3.yml), through the same pipeline as the orders client (quota gate,
/// retries, breaker per store) and with the same 401 handling: one retry with a freshly read token.
/// </summary>
public sealed class BigCommerceWebhooksClient(HttpClient http, IStoreTokenProvider tokens, IOptions<BigCommerceOptions> options)
{
    public async Task<IReadOnlyList<V3Webhook>> ListAsync(string storeHash, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Get, "hooks?limit=250", null, cancellationToken);
        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "list webhooks");
        var body = await StoreApiRequests.ReadJsonAsync<V3Envelope<List<V3Webhook>>>(response, "list webhooks", cancellationToken);
        return body?.Data ?? [];
    }

    /// <summary>Deactivated hooks and blocked destinations (GET /hooks/admin).</summary>
    public async Task<V3HooksAdmin> AdminAsync(string storeHash, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Get, "hooks/admin", null, cancellationToken);
        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, "webhooks admin");
        var body = await StoreApiRequests.ReadJsonAsync<V3Envelope<V3HooksAdmin>>(response, "webhooks admin", cancellationToken);
        return body?.Data ?? new V3HooksAdmin();
    }

    public async Task<V3Webhook> CreateAsync(string storeHash, V3WebhookWrite hook, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(hook);
        using var response = await SendAsync(storeHash, HttpMethod.Post, "hooks", content, cancellationToken);
        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, $"create webhook {hook.Scope}");
        var body = await StoreApiRequests.ReadJsonAsync<V3Envelope<V3Webhook>>(response, "create webhook", cancellationToken);
        return body?.Data ?? throw new BigCommerceResponseException("create webhook: no data in the answer.");
    }

    public async Task UpdateAsync(string storeHash, long id, V3WebhookWrite hook, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(hook);
        using var response = await SendAsync(storeHash, HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"hooks/{id}"), content, cancellationToken);
        await StoreApiRequests.EnsureSuccessAsync(storeHash, response, $"update webhook {id}");
    }

    /// <summary>Deletes a subscription; one already gone counts as deleted.</summary>
    public async Task DeleteAsync(string storeHash, long id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Delete, string.Create(CultureInfo.InvariantCulture, $"hooks/{id}"), null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await StoreApiRequests.EnsureSuccessAsync(storeHash, response, $"delete webhook {id}");
        }
    }

    private Task<HttpResponseMessage> SendAsync(
        string storeHash, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken) =>
        StoreApiRequests.SendAsync(http, tokens, options.Value, storeHash, "v3", method, relative, content, cancellationToken);
}
