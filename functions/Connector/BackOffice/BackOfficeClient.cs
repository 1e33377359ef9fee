using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Connector.BackOffice;

/// <summary>What became of one delivery attempt.</summary>
public abstract record DeliveryOutcome
{
    /// <summary>2xx, or 409: the back office has this version.</summary>
    public sealed record Delivered(HttpStatusCode Status) : DeliveryOutcome;

    /// <summary>Another 4xx: the back office will never take this version; retrying cannot help.</summary>
    public sealed record Rejected(HttpStatusCode Status, string Reason) : DeliveryOutcome;
}

/// <summary>5xx, 408, 429, a timeout or a broken connection: worth trying again later.</summary>
/// <summary>
/// The back office could not take the request now. The message says what happened in the connector's words only; the
/// back office's own text (<see cref="Reason"/>, which may quote a customer) is kept apart, so it reaches neither logs
/// nor poison messages, only the ledger row a merchant reads (and the retention sweep clears).
/// </summary>
public sealed class BackOfficeUnavailableException(string message, string? reason = null, Exception? inner = null) : Exception(message, inner)
{
    public string? Reason { get; } = reason;
}

/// <summary>The back office refused a feed request for good (a 4xx other than 408 and 429).</summary>
public sealed class BackOfficeFeedRefusedException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}

/// <summary>The back office's HTTP contract: signed POSTs (orders, BigCommerce shipments), each with its idempotency key, and the signed feeds.</summary>
public sealed class BackOfficeClient(HttpClient http, IOptions<BackOfficeOptions> options)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Task<DeliveryOutcome> DeliverOrderAsync(CanonicalOrder order, string correlationId, CancellationToken cancellationToken) =>
        PostSignedAsync("orders", order.StoreHash, JsonSerializer.SerializeToUtf8Bytes(order, Json),
            BackOfficeProtocol.IdempotencyKey(order.StoreHash, order.OrderId, order.ModifiedAt), correlationId, cancellationToken);

    /// <summary>POST {back office}/products, signed like an order, keyed by product version (or deletion).</summary>
    public Task<DeliveryOutcome> DeliverProductAsync(CanonicalProduct product, string correlationId, CancellationToken cancellationToken) =>
        PostSignedAsync("products", product.StoreHash, JsonSerializer.SerializeToUtf8Bytes(product, Json),
            BackOfficeProtocol.ProductIdempotencyKey(product.StoreHash, product.ProductId, product.Deleted ? null : product.Version), correlationId, cancellationToken);

    /// <summary>POST {back office}/bigcommerce-shipments, signed like an order, keyed by the BigCommerce shipment.</summary>
    public Task<DeliveryOutcome> DeliverBigCommerceShipmentAsync(BigCommerceShipmentDelivery shipment, string correlationId, CancellationToken cancellationToken) =>
        PostSignedAsync("bigcommerce-shipments", shipment.StoreHash, JsonSerializer.SerializeToUtf8Bytes(shipment, Json),
            BackOfficeProtocol.ShipmentIdempotencyKey(shipment.StoreHash, shipment.ShipmentId), correlationId, cancellationToken);

    /// <summary>
    /// One signed POST: 2xx or 409 (the back office has it) is delivered, another 4xx rejected with the back office's
    /// reason; 408, 429, 5xx and no answer throw <see cref="BackOfficeUnavailableException"/> for the queue to retry.
    /// </summary>
    private async Task<DeliveryOutcome> PostSignedAsync(
        string path, string storeHash, byte[] body, string idempotencyKey, string correlationId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(settings.BaseUrl!, path));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(BackOfficeProtocol.IdempotencyKeyHeader, idempotencyKey);
        request.Headers.Add(BackOfficeProtocol.SignatureHeader, BackOfficeSignature.Compute(settings.SigningSecret, body));
        request.Headers.Add(BackOfficeProtocol.StoreHashHeader, storeHash);
        request.Headers.Add(BackOfficeProtocol.CorrelationIdHeader, correlationId);

        var response = await SendAsync(request, cancellationToken);
        using (response)
        {
            var status = response.StatusCode;
            if (response.IsSuccessStatusCode || status == HttpStatusCode.Conflict)
            {
                return new DeliveryOutcome.Delivered(status);
            }

            var reason = await ReasonAsync(response, cancellationToken);
            if (IsTransient(status))
            {
                throw new BackOfficeUnavailableException($"The back office answered {(int)status}", reason);
            }

            return new DeliveryOutcome.Rejected(status, reason);
        }
    }

    /// <summary>
    /// One page of GET {back office}/inventory, signed over the request target (path and query). A page the
    /// back office cannot serve (4xx) or that is not the documented shape throws <see cref="Connector.Inventory.InventoryFeedException"/>;
    /// an outage throws <see cref="BackOfficeUnavailableException"/>. Either way the scan stops and is retried.
    /// </summary>
    public async Task<Connector.Inventory.InventoryFeedPage> ReadInventoryPageAsync(
        string storeHash, string? cursor, string correlationId, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            (body, _) = await ReadPageAsync("inventory", storeHash, cursor, InventoryPageSize, correlationId, cancellationToken);
        }
        catch (BackOfficeFeedRefusedException refused)
        {
            throw new Connector.Inventory.InventoryFeedException(refused.Message, refused);
        }

        return Connector.Inventory.InventoryFeedParser.Parse(System.Text.Encoding.UTF8.GetString(body));
    }

    /// <summary>Items asked for per page of the inventory feed.</summary>
    private const int InventoryPageSize = 500;

    /// <summary>
    /// One page of a signed feed, GET {back office}/{path}?store=…&amp;limit=…[&amp;cursor=…], signed over the request target
    /// like the inventory feed, as the back office's raw JSON for its flow to check. An outage (408, 429, 5xx, no answer)
    /// throws <see cref="BackOfficeUnavailableException"/>; another refusal <see cref="BackOfficeFeedRefusedException"/>.
    /// </summary>
    public async Task<string> ReadFeedPageAsync(string path, string storeHash, string? cursor, int limit, string correlationId, CancellationToken cancellationToken) =>
        System.Text.Encoding.UTF8.GetString((await ReadPageAsync(path, storeHash, cursor, limit, correlationId, cancellationToken)).Body);

    /// <summary>
    /// As <see cref="ReadFeedPageAsync"/>, for a feed whose pages the back office signs: the body, and whether its
    /// <c>X-Connector-Signature</c> (HMAC-SHA256 of the body with the shared secret) verifies. A page that does not verify
    /// is not to be trusted, cursor included; the caller records it.
    /// </summary>
    public async Task<(string Body, bool Verified)> ReadSignedFeedPageAsync(
        string path, string storeHash, string? cursor, int limit, string correlationId, CancellationToken cancellationToken)
    {
        // Verified over the bytes as sent: JSON is UTF-8 (RFC 8259), and decoding first could alter what was signed.
        var (body, signature) = await ReadPageAsync(path, storeHash, cursor, limit, correlationId, cancellationToken);
        return (System.Text.Encoding.UTF8.GetString(body), BackOfficeSignature.Verify(options.Value.SigningSecret, body, signature));
    }

    /// <summary>A feed page's body and the signature the back office gave it (if any).</summary>
    private async Task<(byte[] Body, string? Signature)> ReadPageAsync(
        string path, string storeHash, string? cursor, int limit, string correlationId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var query = $"store={Uri.EscapeDataString(storeHash)}&limit={limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                    + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
        var uri = new Uri($"{Endpoint(settings.BaseUrl!, path)}?{query}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add(BackOfficeProtocol.SignatureHeader,
            BackOfficeSignature.Compute(settings.SigningSecret, System.Text.Encoding.UTF8.GetBytes(uri.PathAndQuery)));
        request.Headers.Add(BackOfficeProtocol.StoreHashHeader, storeHash);
        request.Headers.Add(BackOfficeProtocol.CorrelationIdHeader, correlationId);

        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.IsSuccessStatusCode)
        {
            var signature = response.Headers.TryGetValues(BackOfficeProtocol.SignatureHeader, out var values) ? values.FirstOrDefault() : null;
            return (await ReadPageBodyAsync(response, path, cancellationToken), signature);
        }

        var reason = await ReasonAsync(response, cancellationToken);
        if (IsTransient(response.StatusCode))
        {
            throw new BackOfficeUnavailableException($"The {path} feed answered {(int)response.StatusCode}", reason);
        }

        throw new BackOfficeFeedRefusedException(response.StatusCode, $"The {path} feed refused the page ({(int)response.StatusCode}): {reason}");
    }

    /// <summary>
    /// A feed page's body, read up to <see cref="BackOfficeOptions.MaxAnswerBytes"/>: a larger page is refused unread
    /// (<see cref="BackOfficeFeedRefusedException"/>, which the flows record and the queue retries), an answer cut off is an outage.
    /// </summary>
    private static async Task<byte[]> ReadPageBodyAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        byte[]? body;
        try
        {
            body = response.Content.Headers.ContentLength > BackOfficeOptions.MaxAnswerBytes
                ? null
                : await RequestBodies.ReadLimitedAsync(await response.Content.ReadAsStreamAsync(cancellationToken), BackOfficeOptions.MaxAnswerBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new BackOfficeUnavailableException($"The {path} feed's page was cut off: {ex.Message}", inner: ex);
        }

        return body ?? throw new BackOfficeFeedRefusedException(response.StatusCode, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The {path} feed's page is larger than {BackOfficeOptions.MaxAnswerBytes:N0} bytes: not read (the back office must send smaller pages)"));
    }

    /// <summary>Sends a request; an outage (no answer, a timeout) is <see cref="BackOfficeUnavailableException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new BackOfficeUnavailableException($"The back office could not be reached: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Answers worth asking again later: 408, 429 and 5xx.</summary>
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>{base}/{path} whether or not the configured base ends with a slash.</summary>
    private static Uri Endpoint(Uri baseUrl, string path) => new($"{baseUrl.ToString().TrimEnd('/')}/{path}");

    /// <summary>The back office's own explanation (problem+json detail or title), cut short for the ledger.</summary>
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Only the start of a refusal is kept, so only so much is read, whatever the back office sends.
        byte[]? bytes;
        try
        {
            bytes = await RequestBodies.ReadLimitedAsync(await response.Content.ReadAsStreamAsync(cancellationToken), MaxReasonBytes, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return $"{(int)response.StatusCode} {response.ReasonPhrase} (its answer was cut off)";
        }

        if (bytes is null)
        {
            return $"{(int)response.StatusCode} {response.ReasonPhrase} (an answer of more than {MaxReasonBytes / 1024} KB, not read)";
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        try
        {
            using var doc = JsonDocument.Parse(text);
            foreach (var name in new[] { "detail", "title", "message", "error" })
            {
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return Cut(value.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return text.Length == 0 ? response.ReasonPhrase ?? response.StatusCode.ToString() : Cut(text);
    }

    private const int MaxReasonBytes = 64 * 1024;

    private static string Cut(string text) => text.Length > 500 ? text[..500] + "…" : text;
}
