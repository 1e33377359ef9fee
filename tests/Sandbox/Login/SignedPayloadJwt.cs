using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sandbox.Login;

/// <summary>The claims of a <c>signed_payload_jwt</c>, in the order of callbacks.mdx's example.</summary>
public sealed record SignedPayloadClaims(
    string Audience,
    string Issuer,
    long IssuedAt,
    long NotBefore,
    long Expires,
    string JwtId,
    string Subject,
    MerchantIdentity Merchant,
    string Url,
    long? ChannelId);

/// <summary>
/// Builds <c>signed_payload_jwt</c>s by hand (base64url header and claims, HMAC over them) so
/// that every variant a test needs can be made: wrong key, <c>alg: none</c> with an empty
/// signature, HS384/HS512, keys of any length (BigCommerce client secrets are shorter than the
/// 32 bytes some JWT libraries insist on).
/// </summary>
public static class SignedPayloadJwt
{
    public const string DefaultAlgorithm = "HS256";
    public const string Issuer = "bc";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static bool IsSupported(string alg) =>
        alg.ToUpperInvariant() is "HS256" or "HS384" or "HS512" or "NONE";

    public static string Create(SignedPayloadClaims claims, string alg, string secret)
    {
        if (!IsSupported(alg))
        {
            throw new ArgumentException($"Unsupported alg '{alg}': use HS256, HS384, HS512 or none.", nameof(alg));
        }
        var header = Base64Url.EncodeToString(Write(w =>
        {
            w.WriteString("typ", "JWT");
            w.WriteString("alg", alg);
        }));
        var payload = Base64Url.EncodeToString(Write(w => WriteClaims(w, claims)));
        var signingInput = $"{header}.{payload}";
        return $"{signingInput}.{Sign(signingInput, alg, secret)}";
    }

    private static string Sign(string signingInput, string alg, string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.ASCII.GetBytes(signingInput);
        return alg.ToUpperInvariant() switch
        {
            "HS256" => Base64Url.EncodeToString(HMACSHA256.HashData(key, data)),
            "HS384" => Base64Url.EncodeToString(HMACSHA384.HashData(key, data)),
            "HS512" => Base64Url.EncodeToString(HMACSHA512.HashData(key, data)),
            _ => "",
        };
    }

    private static void WriteClaims(Utf8JsonWriter w, SignedPayloadClaims c)
    {
        w.WriteString("aud", c.Audience);
        w.WriteString("iss", c.Issuer);
        w.WriteNumber("iat", c.IssuedAt);
        w.WriteNumber("nbf", c.NotBefore);
        w.WriteNumber("exp", c.Expires);
        w.WriteString("jti", c.JwtId);
        w.WriteString("sub", c.Subject);
        w.WriteStartObject("user");
        w.WriteNumber("id", c.Merchant.User.Id);
        w.WriteString("email", c.Merchant.User.Email);
        w.WriteString("locale", c.Merchant.User.Locale);
        w.WriteEndObject();
        w.WriteStartObject("owner");
        w.WriteNumber("id", c.Merchant.Owner.Id);
        w.WriteString("email", c.Merchant.Owner.Email);
        w.WriteEndObject();
        w.WriteString("url", c.Url);
        if (c.ChannelId is { } channel)
        {
            w.WriteNumber("channel_id", channel);
        }
        else
        {
            w.WriteNull("channel_id");
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = SandboxJson.Options.Encoder }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
