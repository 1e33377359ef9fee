using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Connector.Stores;

namespace Connector.BigCommerce;

/// <summary>
/// What every store API call shares (V2 orders, V3 hooks, V3 inventory): the store's token, one more try with
/// the vault's current token after a 401 (a reinstall may have replaced it), transport faults as transient
/// errors, BigCommerce's error answers as typed exceptions, and JSON read with a clear reason when it is not.
/// </summary>
internal static class StoreApiRequests
{
    /// <summary>Sends one request to a store's API ({base}/stores/{hash}/{version}/{relative}) with its token.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, IStoreTokenProvider tokens, BigCommerceOptions options,
        string storeHash, string version, HttpMethod method, string relative, HttpContent? content, CancellationToken cancellationToken)
    {
        // Each HttpRequestMessage disposes its content when it is done, so a second try cannot send the same HttpContent:
        // the body is read once here and every try gets a fresh copy of it (with the caller's content headers).
        var body = content is null ? null : await BufferedBody.ReadAsync(content, cancellationToken);
        var token = await tokens.GetAccessTokenAsync(storeHash, cancellationToken);
        var response = await SendOnceAsync(http, options, storeHash, version, method, relative, body?.NewContent(), token, cancellationToken);
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
        return await SendOnceAsync(http, options, storeHash, version, method, relative, body?.NewContent(), current, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendOnceAsync(HttpClient http, BigCommerceOptions options,
        string storeHash, string version, HttpMethod method, string relative, HttpContent? content, string token, CancellationToken cancellationToken)
    {
        var baseUrl = options.ApiBaseUrl.ToString().TrimEnd('/');
        using var request = new HttpRequestMessage(method, $"{baseUrl}/stores/{Uri.EscapeDataString(storeHash)}/{version}/{relative}") { Content = content };
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

    /// <summary>No body, but a <c>Content-Type: application/json</c>, for the operations whose spec requires the header on a read.</summary>
    public static HttpContent EmptyJsonBody() =>
        new ByteArrayContent([]) { Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") } };

    /// <summary>A request body read once, to be sent as many times as needed.</summary>
    private sealed record BufferedBody(byte[] Bytes, IReadOnlyList<KeyValuePair<string, IEnumerable<string>>> Headers)
    {
        public static async Task<BufferedBody> ReadAsync(HttpContent content, CancellationToken cancellationToken) =>
            new(await content.ReadAsByteArrayAsync(cancellationToken), [.. content.Headers]);

        public HttpContent NewContent()
        {
            var copy = new ByteArrayContent(Bytes);
            foreach (var (name, values) in Headers)
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            return copy;
        }
    }

    public static async Task EnsureSuccessAsync(string storeHash, HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = response.StatusCode;
        if (status is HttpStatusCode.Unauthorized)
        {
            throw new StoreUnauthorizedException(storeHash, status);
        }

        // A 403 is a missing scope, not a refused token: it stops the flow that asked, not the store.
        if (status is HttpStatusCode.Forbidden)
        {
            throw new StoreScopeMissingException(storeHash, what);
        }

        var detail = await ErrorDetailAsync(response);
        var transient = status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;
        throw new BigCommerceApiException($"{what}: BigCommerce answered {(int)status} {status}{detail}", status, transient);
    }

    public static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BigCommerceResponseException($"{what}: expected JSON but BigCommerce answered {(int)response.StatusCode} with {mediaType}.");
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(BigCommerceJson.Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new BigCommerceResponseException($"{what}: the response is not the JSON the API documents ({ex.Message}).", ex);
        }
    }

    /// <summary>BigCommerce's own error text (never order data), cut short.</summary>
    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return mediaType.Length == 0 ? "" : $" ({mediaType} body)";
        }

        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? "" : $": {(text.Length > 300 ? text[..300] + "…" : text)}";
    }
}
