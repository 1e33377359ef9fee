using System.Security.Cryptography;
using System.Text;

namespace Sandbox.Webhooks;

/// <summary>
/// Standard Webhooks signing as BigCommerce does it (https-webhook-overview.mdx): the key is the
/// UTF-8 bytes of the app's client secret (the docs hand the Standard Webhooks libraries
/// base64(client_secret), which they decode back to those bytes); the message is
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c>; the header is <c>v1,{base64(HMAC-SHA256)}</c>.
/// </summary>
public static class WebhookSigner
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(string clientSecret, string webhookId, long timestamp, string body)
    {
        var message = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), message));
    }
}
