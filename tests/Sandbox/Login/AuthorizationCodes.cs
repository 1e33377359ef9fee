using System.Net;
using System.Security.Cryptography;

namespace Sandbox.Login;

/// <summary>A code handed to the app's auth callback, and what it was issued for.</summary>
public sealed record AuthorizationGrant(
    string Code, string StoreHash, string Scope, string RedirectUri, MerchantIdentity Merchant, int SeedOrders, DateTimeOffset IssuedAt)
{
    public string Context => $"stores/{StoreHash}";

    /// <summary>The auth callback's query, encoded as BigCommerce does it: <c>context=stores%2Fabc</c>, scopes joined by <c>+</c>.</summary>
    public string CallbackQuery(string accountUuid) =>
        $"code={WebUtility.UrlEncode(Code)}&scope={WebUtility.UrlEncode(Scope)}&context={WebUtility.UrlEncode(Context)}&account_uuid={WebUtility.UrlEncode(accountUuid)}";
}

/// <summary>
/// One-time authorization codes. A code is spent only by a successful exchange; a request that
/// fails a check (wrong context, redirect_uri, scope) leaves it usable, so tests can tamper and
/// then succeed. Redemption is atomic: of two concurrent exchanges, one wins.
/// </summary>
public sealed class AuthorizationCodes(TimeProvider clock)
{
    /// <summary>Used when an install names no scope: what the connector's app profile asks for.</summary>
    public const string DefaultScope = "store_v2_orders store_v2_products store_inventory store_v2_information_read_only";

    private const string CodeAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (AuthorizationGrant Grant, bool Spent)> _codes = new(StringComparer.Ordinal);

    public enum RedeemOutcome { Redeemed, Unknown, AlreadyUsed, Rejected }

    public AuthorizationGrant Issue(string storeHash, string? scope, string redirectUri, MerchantIdentity merchant, int seedOrders)
    {
        var grant = new AuthorizationGrant(
            RandomNumberGenerator.GetString(CodeAlphabet, 16), storeHash, NormalizeScope(scope ?? DefaultScope), redirectUri,
            merchant, seedOrders, clock.GetUtcNow());
        lock (_gate)
        {
            _codes[grant.Code] = (grant, false);
        }
        return grant;
    }

    /// <param name="check">Returns why the grant doesn't fit the request, or null when it does.</param>
    public RedeemOutcome Redeem(string code, Func<AuthorizationGrant, string?> check, out AuthorizationGrant? grant, out string? rejection)
    {
        lock (_gate)
        {
            grant = null;
            rejection = null;
            if (!_codes.TryGetValue(code, out var entry))
            {
                return RedeemOutcome.Unknown;
            }
            if (entry.Spent)
            {
                return RedeemOutcome.AlreadyUsed;
            }
            rejection = check(entry.Grant);
            if (rejection is not null)
            {
                return RedeemOutcome.Rejected;
            }
            _codes[code] = (entry.Grant, true);
            grant = entry.Grant;
            return RedeemOutcome.Redeemed;
        }
    }

    public int Issued
    {
        get
        {
            lock (_gate)
            {
                return _codes.Count;
            }
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _codes.Clear();
        }
    }

    /// <summary>Space-separated, single spaces, as BigCommerce lists scopes.</summary>
    public static string NormalizeScope(string scope) =>
        string.Join(' ', scope.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    public static bool SameScopes(string a, string b) =>
        NormalizeScope(a).Split(' ').Order(StringComparer.Ordinal).SequenceEqual(NormalizeScope(b).Split(' ').Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
