using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Stores;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Connector.MerchantPage;

/// <summary>
/// Issues and checks the page's session tokens: HS256 JWTs carried in the page (a hidden form field, or the
/// <see cref="Header"/> header), never in a cookie, since browsers block third-party cookies in the control panel's
/// iframe, and a token that is not ambient is what keeps another site's form post from acting (CSRF). A token says
/// which store and user, when it was issued and when it ends; whether that user may still act is checked on every
/// request by <see cref="PageAccess"/>.
/// </summary>
public sealed class PageSessionTokens(IOptions<MerchantPageOptions> options, IOptions<BigCommerceAppOptions> app, IOptions<ConnectorOptions> connector, TimeProvider clock)
{
    public const string FormField = "session";
    public const string Header = "X-Page-Session";

    private const string Issuer = "connector";
    private const string StoreAudience = "merchant-page";
    private const string ConsoleAudience = "operator-console";
    private const string OperatorUser = "operator";

    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(5);

    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false, SetDefaultTimesOnTokenCreation = false };

    public string Issue(string storeHash, long? userId)
    {
        var now = clock.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["sub"] = $"stores/{storeHash}",
            ["user"] = userId is { } id ? id.ToString(CultureInfo.InvariantCulture) : OperatorUser,
        };
        if (userId is null)
        {
            // The operator's page of a store lasts only as long as the admin key it was opened with.
            claims["key"] = AdminKeyHash();
        }

        return Create(StoreAudience, claims, now);
    }

    /// <summary>A console session carries a hash of the admin key it was opened with: a new key ends it.</summary>
    public string IssueConsole()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "console", ["key"] = AdminKeyHash() };
        return Create(ConsoleAudience, claims, clock.GetUtcNow());
    }

    public async Task<PageSession?> ValidateAsync(string? token)
    {
        if (await ValidateTokenAsync(token, StoreAudience) is not { } jwt
            || StoreContext.HashOf(jwt.Subject) is not { } storeHash
            || !jwt.TryGetPayloadValue<string>("user", out var user))
        {
            return null;
        }

        long? userId = user == OperatorUser ? null : long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
        if (userId == -1 || (userId is null && !KeyStillValid(jwt)))
        {
            return null;
        }

        return new PageSession(storeHash, userId, Utc(jwt.IssuedAt), Utc(jwt.ValidTo));
    }

    public async Task<ConsoleSession?> ValidateConsoleAsync(string? token)
    {
        if (await ValidateTokenAsync(token, ConsoleAudience) is not { } jwt || !KeyStillValid(jwt))
        {
            return null;
        }

        return new ConsoleSession(Utc(jwt.IssuedAt), Utc(jwt.ValidTo));
    }

    private bool KeyStillValid(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<string>("key", out var keyHash)
        && AdminKeyHash() is { Length: > 0 } current
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(keyHash), Encoding.ASCII.GetBytes(current));

    private string Create(string audience, Dictionary<string, object> claims, DateTimeOffset now) =>
        handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + options.Value.EffectiveLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(), SecurityAlgorithms.HmacSha256),
        });

    private async Task<JsonWebToken?> ValidateTokenAsync(string? token, string audience)
    {
        // A real token is a few hundred characters; anything huge is refused before any parsing.
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        var parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKey = Key(),
            ValidateIssuerSigningKey = true,
            ValidIssuer = Issuer,
            ValidAudience = audience,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            LifetimeValidator = (notBefore, expires, _, _) => LifetimeIsValid(notBefore, expires),
        };
        try
        {
            var result = await handler.ValidateTokenAsync(token, parameters);
            return result.IsValid ? (JsonWebToken)result.SecurityToken : null;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    /// <summary>Expired is expired, and a token claiming to last longer than sessions may is not one this connector issued.</summary>
    private bool LifetimeIsValid(DateTime? notBefore, DateTime? expires)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } exp && notBefore is { } nbf
            && now <= exp + Skew && now >= nbf - Skew && exp - nbf <= MerchantPageOptions.MaxSessionLifetime;
    }

    private SymmetricSecurityKey Key()
    {
        var configured = options.Value.SessionKey;
        // Derived, like the webhook secrets: nothing more to store, and a rotated client secret ends every session.
        var bytes = configured is { Length: >= 32 }
            ? Encoding.UTF8.GetBytes(configured)
            : HMACSHA256.HashData(Encoding.UTF8.GetBytes(app.Value.ClientSecret), "merchant-page-session:v1"u8);
        return new SymmetricSecurityKey(bytes);
    }

    private string AdminKeyHash() =>
        connector.Value.AdminApiKey is { Length: >= 16 } key ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("console:" + key))) : "";

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
