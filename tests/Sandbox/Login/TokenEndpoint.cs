using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Sandbox.BigCommerce;
using Sandbox.Faults;

namespace Sandbox.Login;

/// <summary>
/// login.bigcommerce.com's <c>POST /oauth2/token</c> (auth.mdx): trades a one-time code for the
/// store's access token. The token is the one the V2 API of this sandbox accepts for the store;
/// the store is created on first install, and every later install replaces its token.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth2/token", Exchange).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var stats = http.RequestServices.GetRequiredService<LoginStats>();
            stats.CountRequest();
            var faults = http.RequestServices.GetRequiredService<FaultInjector>();
            return await faults.InvokeAsync(FaultTarget.Login, http, LoginFaultResponder.Instance, stats.InjectedFaults, () => next(context));
        });
        return app;
    }

    private static async Task<IResult> Exchange(HttpContext http, AuthorizationCodes codes, StoreRegistry stores, LoginStats stats, IOptions<SandboxOptions> options)
    {
        var result = await ExchangeCore(http, codes, stores, options.Value.App);
        if (result.Error is { } error)
        {
            stats.CountRejected(error);
        }
        else
        {
            stats.CountIssued();
            http.Response.Headers.CacheControl = "no-store";
        }
        return result.Result;
    }

    private static async Task<(IResult Result, string? Error)> ExchangeCore(HttpContext http, AuthorizationCodes codes, StoreRegistry stores, AppOptions app)
    {
        var (request, parseError) = await TokenRequest.ReadAsync(http.Request);
        if (request is null)
        {
            return Fail(StatusCodes.Status400BadRequest, LoginErrors.InvalidRequest, parseError!);
        }
        if (!Same(request.ClientId, app.ClientId) || !Same(request.ClientSecret, app.ClientSecret))
        {
            return Fail(StatusCodes.Status401Unauthorized, LoginErrors.InvalidClient, "Client authentication failed: unknown client_id or wrong client_secret.");
        }
        if (request.GrantType != "authorization_code")
        {
            return Fail(StatusCodes.Status400BadRequest, LoginErrors.UnsupportedGrantType, "grant_type must be 'authorization_code'.");
        }
        var missing = new[] { ("code", request.Code), ("context", request.Context), ("scope", request.Scope), ("redirect_uri", request.RedirectUri) }
            .Where(f => string.IsNullOrEmpty(f.Item2)).Select(f => f.Item1).ToList();
        if (missing.Count > 0)
        {
            return Fail(StatusCodes.Status400BadRequest, LoginErrors.InvalidRequest, $"Missing {string.Join(", ", missing)}.");
        }

        var outcome = codes.Redeem(request.Code!, grant => Check(grant, request), out var redeemed, out var rejection);
        switch (outcome)
        {
            case AuthorizationCodes.RedeemOutcome.Unknown:
                return Fail(StatusCodes.Status400BadRequest, LoginErrors.InvalidGrant, "The authorization code is invalid or has expired.");
            case AuthorizationCodes.RedeemOutcome.AlreadyUsed:
                return Fail(StatusCodes.Status400BadRequest, LoginErrors.InvalidGrant, "The authorization code has already been used.");
            case AuthorizationCodes.RedeemOutcome.Rejected:
                var error = rejection!.StartsWith("scope", StringComparison.Ordinal) ? LoginErrors.InvalidScope : LoginErrors.InvalidGrant;
                return Fail(StatusCodes.Status400BadRequest, error, rejection);
        }

        var grant = redeemed!;
        var store = stores.Install(grant.StoreHash, grant.SeedOrders);
        var body = new JsonObject
        {
            ["access_token"] = store.Token,
            ["scope"] = grant.Scope,
            ["user"] = User(grant.Merchant.User),
            ["owner"] = User(grant.Merchant.Owner),
            ["context"] = grant.Context,
            ["account_uuid"] = app.AccountUuid,
        };
        return (Results.Json(body, SandboxJson.Options), null);
    }

    private static string? Check(AuthorizationGrant grant, TokenRequest request)
    {
        if (!string.Equals(request.Context, grant.Context, StringComparison.Ordinal))
        {
            return $"The authorization code was not issued for context '{request.Context}'.";
        }
        if (!string.Equals(request.RedirectUri, grant.RedirectUri, StringComparison.Ordinal))
        {
            return "redirect_uri does not match the one the authorization code was issued for.";
        }
        if (!AuthorizationCodes.SameScopes(request.Scope!, grant.Scope))
        {
            return $"scope '{request.Scope}' is not the scope the authorization code was issued for ('{grant.Scope}').";
        }
        return null;
    }

    private static JsonObject User(MerchantUser user) => new()
    {
        ["id"] = user.Id,
        ["username"] = user.Email,
        ["email"] = user.Email,
    };

    private static (IResult, string?) Fail(int status, string error, string description) => (LoginErrors.Result(status, error, description), error);

    private static bool Same(string? presented, string expected) =>
        presented is not null &&
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
