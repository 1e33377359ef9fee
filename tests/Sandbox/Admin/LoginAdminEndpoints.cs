using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Sandbox.BigCommerce;
using Sandbox.Login;

namespace Sandbox.Admin;

/// <summary>
/// The merchant's side of app installs under <c>/_admin</c>: click Install (auth callback with a
/// one-time code), open the app, uninstall it, remove a user (callbacks with a signed_payload_jwt),
/// or just mint codes and JWTs for tests to use themselves. Never faulted.
/// </summary>
public static partial class LoginAdminEndpoints
{
    public static IEndpointRouteBuilder MapLoginAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin");
        admin.MapPost("/installs", Install);
        admin.MapPost("/installs/code", IssueCode);
        admin.MapPost("/jwt", MintJwt);
        admin.MapPost("/callbacks", Callback);
        admin.MapGet("/control-panel", ControlPanel);
        admin.MapGet("/login/stats", (LoginStats stats, AuthorizationCodes codes) => Results.Ok(stats.Snapshot(codes.Issued)));
        return app;
    }

    private static async Task<IResult> Install(InstallRequest body, AuthorizationCodes codes, MerchantBrowser browser, IOptions<SandboxOptions> options, CancellationToken cancellationToken)
    {
        var error = ValidateStore(body.StoreHash) ?? ValidateUrl(body.CallbackUrl, "callbackUrl") ?? ValidateScope(body.Scope)
            ?? MerchantIdentity.Validate(body.UserId, body.UserEmail, body.OwnerId, body.OwnerEmail) ?? ValidateSeed(body.SeedOrders);
        if (error is not null)
        {
            return Results.BadRequest(new AdminError(error));
        }

        var merchant = MerchantIdentity.From(body.UserId, body.UserEmail, null, body.OwnerId, body.OwnerEmail);
        var grant = codes.Issue(body.StoreHash, body.Scope, body.CallbackUrl, merchant, body.SeedOrders ?? 0);
        var url = MerchantBrowser.WithQuery(body.CallbackUrl, grant.CallbackQuery(options.Value.App.AccountUuid));
        var outcome = await browser.GetAsync(url, CallbackOrigin.Browser, cancellationToken);
        return Results.Ok(new InstallResponse(body.StoreHash, grant.Code, outcome.Status, outcome.Body, outcome.ContentType, outcome.Error));
    }

    private static IResult IssueCode(IssueCodeRequest body, AuthorizationCodes codes, IOptions<SandboxOptions> options)
    {
        var error = ValidateStore(body.StoreHash) ?? (string.IsNullOrEmpty(body.RedirectUri) ? "redirectUri is required." : null)
            ?? ValidateScope(body.Scope) ?? MerchantIdentity.Validate(body.UserId, body.UserEmail, body.OwnerId, body.OwnerEmail)
            ?? ValidateSeed(body.SeedOrders);
        if (error is not null)
        {
            return Results.BadRequest(new AdminError(error));
        }
        var merchant = MerchantIdentity.From(body.UserId, body.UserEmail, null, body.OwnerId, body.OwnerEmail);
        var grant = codes.Issue(body.StoreHash, body.Scope, body.RedirectUri, merchant, body.SeedOrders ?? 0);
        return Results.Ok(new IssueCodeResponse(grant.Code, grant.CallbackQuery(options.Value.App.AccountUuid)));
    }

    private static IResult MintJwt(JwtRequest body, IOptions<SandboxOptions> options, TimeProvider clock)
    {
        var (jwt, error) = Mint(body, options.Value.App, clock);
        return error is null ? Results.Ok(new JwtResponse(jwt!)) : Results.BadRequest(new AdminError(error));
    }

    private static async Task<IResult> Callback(
        CallbackRequest body, MerchantBrowser browser, StoreRegistry stores, Webhooks.WebhookRegistry webhooks, IOptions<SandboxOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        CallbackOrigin? origin = body.Kind switch
        {
            "load" => CallbackOrigin.Browser,
            "uninstall" or "remove_user" => CallbackOrigin.Server,
            _ => null,
        };
        if (origin is null)
        {
            return Results.BadRequest(new AdminError("kind must be load, uninstall or remove_user."));
        }
        if (ValidateUrl(body.Url, "url") is { } urlError)
        {
            return Results.BadRequest(new AdminError(urlError));
        }
        var (jwt, error) = Mint(body.ToJwtRequest(), options.Value.App, clock);
        if (error is not null)
        {
            return Results.BadRequest(new AdminError(error));
        }

        var outcome = await browser.GetAsync(MerchantBrowser.WithQuery(body.Url, $"signed_payload_jwt={jwt}"), origin.Value, cancellationToken);
        if (body.Kind == "uninstall" && body.RevokeToken != false)
        {
            stores.RevokeToken(body.StoreHash);
            // "BigCommerce automatically deletes registered webhooks on app uninstall" (webhooks overview).
            webhooks.RemoveStore(body.StoreHash);
        }
        return Results.Ok(new CallbackResponse(outcome.Status, outcome.ContentType, outcome.Body, jwt!, outcome.Error));
    }

    /// <summary>
    /// A stand-in for the store's control panel with the app open: a page of the sandbox's own (another origin than the
    /// app's) holding the app in an iframe, whose src is the app's load URL with a fresh signed_payload_jwt, as
    /// BigCommerce does when a user clicks the app. GET /_admin/control-panel?store=&amp;load=&amp;user= (user: default 1001).
    /// </summary>
    private static IResult ControlPanel(string? store, string? load, long? user, IOptions<SandboxOptions> options, TimeProvider clock)
    {
        if ((ValidateStore(store) ?? ValidateUrl(load, "load")) is { } error)
        {
            return Results.BadRequest(new AdminError(error));
        }

        var (jwt, mintError) = Mint(new JwtRequest(store!, user), options.Value.App, clock);
        if (mintError is not null)
        {
            return Results.BadRequest(new AdminError(mintError));
        }

        var src = System.Net.WebUtility.HtmlEncode(MerchantBrowser.WithQuery(load!, $"signed_payload_jwt={jwt}").ToString());
        var title = System.Net.WebUtility.HtmlEncode(store);
        return Results.Content($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Control panel (sandbox) · {{title}}</title>
            <style>body{margin:0;font-family:system-ui,sans-serif;background:#1e2235}header{color:#fff;padding:.6rem 1rem}iframe{display:block;border:0;width:100%;height:calc(100vh - 2.6rem);background:#fff}</style>
            </head><body><header>BigCommerce control panel (sandbox) · store {{title}} · Apps</header>
            <iframe id="app" title="The app" src="{{src}}"></iframe></body></html>
            """, "text/html; charset=utf-8");
    }

    private static (string? Jwt, string? Error) Mint(JwtRequest body, AppOptions app, TimeProvider clock)
    {
        var alg = body.Alg ?? SignedPayloadJwt.DefaultAlgorithm;
        var error = ValidateStore(body.StoreHash) ?? MerchantIdentity.Validate(body.UserId, body.UserEmail, body.OwnerId, body.OwnerEmail)
            ?? (SignedPayloadJwt.IsSupported(alg) ? null : $"Unsupported alg '{alg}': use HS256, HS384, HS512 or none.")
            ?? (body.Secret is { Length: 0 } ? "secret must not be empty." : null);
        if (error is not null)
        {
            return (null, error);
        }

        var issuedAt = clock.GetUtcNow().AddSeconds(body.IssuedAtOffsetSeconds ?? 0).ToUnixTimeSeconds();
        var claims = new SignedPayloadClaims(
            body.Audience ?? app.ClientId,
            body.Issuer ?? SignedPayloadJwt.Issuer,
            issuedAt,
            issuedAt + (body.NotBeforeOffsetSeconds ?? 0),
            issuedAt + (body.LifetimeSeconds ?? (long)SignedPayloadJwt.Lifetime.TotalSeconds),
            Guid.NewGuid().ToString(),
            body.Subject ?? $"stores/{body.StoreHash}",
            MerchantIdentity.From(body.UserId, body.UserEmail, body.UserLocale, body.OwnerId, body.OwnerEmail),
            body.Url ?? "/",
            body.ChannelId);
        return (SignedPayloadJwt.Create(claims, alg, body.Secret ?? app.ClientSecret), null);
    }

    private static string? ValidateStore(string? hash) =>
        hash is not null && StoreHashPattern().IsMatch(hash) ? null : "storeHash is required: 1-64 letters, digits, '-' or '_'.";

    private static string? ValidateUrl(string? url, string field) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"{field} must be an absolute http(s) URL.";

    private static string? ValidateScope(string? scope) =>
        scope is null || !string.IsNullOrWhiteSpace(scope) ? null : "scope must not be blank.";

    private static string? ValidateSeed(int? seedOrders) =>
        seedOrders is null or (>= 0 and <= 100_000) ? null : "seedOrders must be between 0 and 100000.";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex StoreHashPattern();
}
