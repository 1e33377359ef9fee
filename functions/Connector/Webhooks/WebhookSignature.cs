using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connector.Webhooks;

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    StaleTimestamp,
    Mismatch,
}

/// <summary>
/// BigCommerce's callback signature, the Standard Webhooks scheme: <c>webhook-signature</c> holds one or more
/// space-separated <c>v1,{base64}</c> entries, each an HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{raw body}</c>
/// keyed with the app's client secret (its UTF-8 bytes). A timestamp further than the tolerance from now is refused,
/// so a captured callback cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static SignatureCheck Verify(
        string? id, string? timestamp, string? signatures, ReadOnlySpan<byte> body, string clientSecret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrWhiteSpace(signatures))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
        {
            return SignatureCheck.Malformed;
        }

        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > tolerance)
        {
            return SignatureCheck.StaleTimestamp;
        }

        var expected = Compute(id, timestamp, body, clientSecret);
        var anyWellFormed = false;
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma <= 0 || !entry.AsSpan(0, comma).SequenceEqual("v1"))
            {
                continue; // another scheme version: not ours to judge
            }

            var given = new byte[32];
            if (!Convert.TryFromBase64String(entry[(comma + 1)..], given, out var written) || written != 32)
            {
                continue;
            }

            anyWellFormed = true;
            if (CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return SignatureCheck.Valid;
            }
        }

        return anyWellFormed ? SignatureCheck.Mismatch : SignatureCheck.Malformed;
    }

    /// <summary>The <c>webhook-signature</c> value for a callback (<c>v1,{base64}</c>).</summary>
    public static string Sign(string id, string timestamp, ReadOnlySpan<byte> body, string clientSecret) =>
        "v1," + Convert.ToBase64String(Compute(id, timestamp, body, clientSecret));

    private static byte[] Compute(string id, string timestamp, ReadOnlySpan<byte> body, string clientSecret)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), signed);
    }
}

/// <summary>
/// The per-store secret each subscription carries in <see cref="HeaderName"/>. Derived from the client secret and the
/// store hash, so there is nothing more to store; rotating the client secret rotates every store's (the next poll's
/// reconcile writes the new value into the subscriptions).
/// </summary>
public static class WebhookStoreSecret
{
    public const string HeaderName = "X-Connector-Webhook-Secret";

    public static string For(string clientSecret, string storeHash) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes("webhook:" + storeHash)));

    /// <summary>Constant-time comparison of a received header with the store's secret.</summary>
    public static bool Matches(string clientSecret, string storeHash, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.UTF8.GetBytes(For(clientSecret, storeHash)), Encoding.UTF8.GetBytes(given));
}
