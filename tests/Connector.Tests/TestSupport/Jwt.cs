using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Connector.Tests.TestSupport;

/// <summary>Builds JWTs by hand, so tests can make every kind a verifier must refuse.</summary>
public static class Jwt
{
    public static string Create(object claims, string secret, string alg = "HS256")
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg, typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = Encoding.ASCII.GetBytes($"{header}.{payload}");
        var signature = alg switch
        {
            "none" => "",
            "HS512" => Base64Url(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), signingInput)),
            _ => Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signingInput)),
        };
        return $"{header}.{payload}.{signature}";
    }

    /// <summary>Claims shaped like callbacks.mdx's example.</summary>
    public static Dictionary<string, object?> BigCommerceClaims(string clientId, string storeHash, DateTimeOffset issuedAt, long userId = 9876543, long ownerId = 7654321) => new()
    {
        ["aud"] = clientId,
        ["iss"] = "bc",
        ["iat"] = issuedAt.ToUnixTimeSeconds(),
        ["nbf"] = issuedAt.ToUnixTimeSeconds(),
        ["exp"] = issuedAt.AddHours(24).ToUnixTimeSeconds(),
        ["jti"] = Guid.NewGuid().ToString(),
        ["sub"] = $"stores/{storeHash}",
        ["user"] = new { id = userId, email = "authorized_user@example.com", locale = "en-US" },
        ["owner"] = new { id = ownerId, email = "owner@example.com" },
        ["url"] = "/",
        ["channel_id"] = null,
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
