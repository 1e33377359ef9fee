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
        await BigCommerceOrdersClient.EnsureSuccessAsync(storeHash, response, "list webhooks");
        var body = await BigCommerceOrdersClient.ReadJsonAsync<V3Envelope<List<V3Webhook>>>(response, "list webhooks", cancellationToken);
        return body?.Data ?? [];
    }

    /// <summary>Deactivated hooks and blocked destinations (GET /hooks/admin).</summary>
    public async Task<V3HooksAdmin> AdminAsync(string storeHash, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Get, "hooks/admin", null, cancellationToken);
        await BigCommerceOrdersClient.EnsureSuccessAsync(storeHash, response, "webhooks admin");
        var body = await BigCommerceOrdersClient.ReadJsonAsync<V3Envelope<V3HooksAdmin>>(response, "webhooks admin", cancellationToken);
        return body?.Data ?? new V3HooksAdmin();
    }

    public async Task<V3Webhook> CreateAsync(string storeHash, V3WebhookWrite hook, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(hook);
        using var response = await SendAsync(storeHash, HttpMethod.Post, "hooks", content, cancellationToken);
        await BigCommerceOrdersClient.EnsureSuccessAsync(storeHash, response, $"create webhook {hook.Scope}");
        var body = await BigCommerceOrdersClient.ReadJsonAsync<V3Envelope<V3Webhook>>(response, "create webhook", cancellationToken);
        return body?.Data ?? throw new BigCommerceResponseException("create webhook: no data in the answer.");
    }

    public async Task UpdateAsync(string storeHash, long id, V3WebhookWrite hook, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(hook);
        using var response = await SendAsync(storeHash, HttpMethod.Put, string.Create(CultureInfo.InvariantCulture, $"hooks/{id}"), content, cancellationToken);
        await BigCommerceOrdersClient.EnsureSuccessAsync(storeHash, response, $"update webhook {id}");
    }

    /// <summary>Deletes a subscription; one already gone counts as deleted.</summary>
    public async Task DeleteAsync(string storeHash, long id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(storeHash, HttpMethod.Delete, string.Create(CultureInfo.InvariantCulture, $"hooks/{id}"), null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await BigCommerceOrdersClient.EnsureSuccessAsync(storeHash, response, $"delete webhook {id}");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        string storeHash, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAccessTokenAsync(storeHash, cancellationToken);
        var response = await SendOnceAsync(storeHash, method, relative, content, token, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        // A reinstall may have replaced the token since it was cached: one try with the current one.
        tokens.Forget(storeHash);
        var current = await tokens.GetAccessTokenAsync(storeHash, cancellationToken);
        if (string.Equals(current, token, StringComparison.Ordinal))
        {
            return response;
        }

        response.Dispose();
        return await SendOnceAsync(storeHash, method, relative, content, current, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        string storeHash, HttpMethod method, string relative, HttpContent? content, string token, CancellationToken cancellationToken)
    {
        var baseUrl = options.Value.ApiBaseUrl.ToString().TrimEnd('/');
        using var request = new HttpRequestMessage(method, $"{baseUrl}/stores/{Uri.EscapeDataString(storeHash)}/v3/{relative}") { Content = content };
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new BigCommerceApiException($"BigCommerce could not be reached for store {storeHash}: {ex.Message}", null, isTransient: true, ex);
        }
    }
}
