using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connector.Stores;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connector.BigCommerce;

/// <summary>Who is calling, as a verified <c>signed_payload_jwt</c> says (callbacks.mdx).</summary>
public sealed record SignedPayload(string StoreHash, long UserId, long? OwnerId, string? Url)
{
    /// <summary>When BigCommerce issued the token (<c>iat</c>, else <c>nbf</c>); a replay guard compares it with the latest install.</summary>
    public DateTimeOffset IssuedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The token's <c>jti</c>, or a hash of the whole token when it has none: what "already used" remembers.</summary>
    public string TokenId { get; init; } = "";
}

public sealed class SignedPayloadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Verifies the JWT BigCommerce sends to the load, uninstall and remove_user callbacks: HS256 with the
/// app's client secret and nothing else (no <c>none</c>, no other algorithm), audience = client id,
/// issuer <c>bc</c>, expiry and not-before with a small skew, subject <c>stores/{hash}</c>.
/// </summary>
public sealed class SignedPayloadVerifier(IOptions<BigCommerceAppOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };

    public async Task<SignedPayload> VerifyAsync(string? jwt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(jwt))
        {
            throw new SignedPayloadException("signed_payload_jwt is missing.");
        }

        var app = options.Value;
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(app.ClientSecret))
        {
            // BigCommerce's client secrets may be shorter than the 32 bytes the library asks of HS256 keys.
            CryptoProviderFactory = new AnyLengthHmacFactory(),
        };
        var parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = key,
            ValidateIssuerSigningKey = true,
            ValidIssuer = "bc",
            ValidAudience = app.ClientId,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = (notBefore, expires, _, p) => LifetimeIsValid(notBefore, expires, p.ClockSkew),
        };

        TokenValidationResult result;
        try
        {
            result = await handler.ValidateTokenAsync(jwt, parameters);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            throw new SignedPayloadException($"signed_payload_jwt is not a valid token ({ex.GetType().Name}).", ex);
        }

        if (!result.IsValid)
        {
            throw new SignedPayloadException($"signed_payload_jwt was refused: {Describe(result.Exception)}.", result.Exception);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Read((JsonWebToken)result.SecurityToken);
    }

    private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires, TimeSpan skew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && now <= exp + skew && (notBefore is not { } nbf || now >= nbf - skew);
    }

    private static SignedPayload Read(JsonWebToken token)
    {
        // The same store-hash rule as everywhere else: a signed subject such as stores/a/b or stores/../x must not
        // reach table keys or secret names (it used to end in a storage error and a 500).
        if (StoreContext.HashOf(token.Subject) is not { } storeHash)
        {
            throw new SignedPayloadException("signed_payload_jwt names no valid store (its subject is not stores/{hash}).");
        }

        var userId = UserId(token, "user") ?? throw new SignedPayloadException("signed_payload_jwt names no user.");
        token.TryGetPayloadValue<string>("url", out var url);
        // A token without iat or nbf counts as issued at the beginning of time: it predates every install and is refused.
        var issuedAt = token.IssuedAt != DateTime.MinValue ? token.IssuedAt : token.ValidFrom;
        return new SignedPayload(storeHash, userId, UserId(token, "owner"), url)
        {
            IssuedAt = new DateTimeOffset(DateTime.SpecifyKind(issuedAt, DateTimeKind.Utc)),
            ExpiresAt = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc)),
            TokenId = string.IsNullOrEmpty(token.Id) ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.EncodedToken))) : token.Id,
        };
    }

    private static long? UserId(JsonWebToken token, string claim)
    {
        if (!token.TryGetPayloadValue<JsonElement>(claim, out var element) || element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("id", out var id))
        {
            return null;
        }

        return id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var value) ? value : null;
    }

    /// <summary>A short reason for the merchant-facing error and the log; never the token itself.</summary>
    private static string Describe(Exception? error) => error switch
    {
        SecurityTokenExpiredException => "it has expired",
        SecurityTokenNotYetValidException => "it is not valid yet",
        SecurityTokenInvalidLifetimeException => "it is outside its validity period",
        SecurityTokenInvalidAudienceException => "it is meant for another app",
        SecurityTokenInvalidIssuerException => "it was not issued by BigCommerce",
        SecurityTokenInvalidAlgorithmException => "it is not signed with HS256",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not match",
        SecurityTokenMalformedException => "it is malformed",
        null => "unknown reason",
        _ => error.GetType().Name,
    };

    /// <summary>HMAC-SHA256 with whatever key length the app has; the algorithm itself is pinned by ValidAlgorithms.</summary>
    private sealed class AnyLengthHmacFactory : CryptoProviderFactory
    {
        public override KeyedHashAlgorithm CreateKeyedHashAlgorithm(byte[] keyBytes, string algorithm) =>
            algorithm == SecurityAlgorithms.HmacSha256
                ? new HMACSHA256(keyBytes)
                : throw new NotSupportedException($"Algorithm {algorithm} is not accepted.");
    }
}
