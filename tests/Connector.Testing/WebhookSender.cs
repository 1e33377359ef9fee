using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connector.Webhooks;

namespace Connector.Testing;

/// <summary>
/// Sends BigCommerce-style webhook callbacks to the connector by hand (for the bad-input tests and the endpoint
/// benchmark): the payload shape, the Standard Webhooks headers and the store's secret header, each of which a test
/// may spoil on purpose.
/// </summary>
public sealed class WebhookSender(HttpClient connector, string clientSecret)
{
    public const string OrdersPath = "/api/webhooks/bigcommerce";
    public const string DeliveryExceptionPath = "/api/webhooks/bigcommerce/delivery-exception";

    public static string OrderPayload(string storeHash, long orderId, string scope = "store/order/created") =>
        $$$"""{"created_at":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"store_id":"1001","producer":"stores/{{{storeHash}}}","scope":"{{{scope}}}","hash":"0f1e2d","data":{"type":"order","id":{{{orderId}}}}}""";

    public static string DeliveryExceptionPayload(string storeHash, long hookId, int errorCode = 90002) =>
        $$$"""{"created_at":{{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}},"store_id":"1001","producer":"stores/{{{storeHash}}}","scope":"store/hook/deliveryException","hash":"0f1e2d","data":{"type":"webhook","id":{{{hookId}}},"error_code":{{{errorCode}}},"message":"Non-200 response"}}""";

    public HttpRequestMessage Build(
        string body, string storeHash, string? webhookId = null, string path = OrdersPath, string contentType = "application/json",
        string? storeSecret = null, bool omitStoreSecret = false, string? signingSecret = null, DateTimeOffset? timestamp = null,
        string? signatureOverride = null)
    {
        var id = webhookId ?? "msg_" + Guid.NewGuid().ToString("N");
        var ts = (timestamp ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, ts);
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, signatureOverride ?? WebhookSignature.Sign(id, ts, bytes, signingSecret ?? clientSecret));
        if (!omitStoreSecret)
        {
            request.Headers.Add(WebhookStoreSecret.HeaderName, storeSecret ?? WebhookStoreSecret.For(clientSecret, storeHash));
        }

        return request;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            return await connector.SendAsync(request);
        }
    }
}
