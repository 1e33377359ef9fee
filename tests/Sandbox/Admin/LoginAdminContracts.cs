namespace Sandbox.Admin;

// Simulated BigCommerce control-panel actions (camelCase JSON, like the rest of /_admin).

/// <param name="Scope">Space-separated; default <see cref="Login.AuthorizationCodes.DefaultScope"/>.</param>
/// <param name="OwnerId">Defaults to <paramref name="UserId"/>.</param>
/// <param name="SeedOrders">Demo orders of the store if the install creates it.</param>
public sealed record InstallRequest(
    string StoreHash, string CallbackUrl, string? Scope = null, long? UserId = null, string? UserEmail = null,
    long? OwnerId = null, string? OwnerEmail = null, int? SeedOrders = null);

/// <param name="CallbackStatus">The app's status for the auth callback; 0 if it never answered (see <paramref name="CallbackError"/>).</param>
/// <param name="CallbackBody">The first 4 KB of its answer.</param>
public sealed record InstallResponse(
    string StoreHash, string Code, int CallbackStatus, string? CallbackBody, string? CallbackContentType, string? CallbackError);

public sealed record IssueCodeRequest(
    string StoreHash, string RedirectUri, string? Scope = null, long? UserId = null, string? UserEmail = null,
    long? OwnerId = null, string? OwnerEmail = null, int? SeedOrders = null);

/// <param name="Query">The auth callback's query string, without '?': <c>code=…&amp;scope=…&amp;context=stores%2F…&amp;account_uuid=…</c>.</param>
public sealed record IssueCodeResponse(string Code, string Query);

/// <param name="LifetimeSeconds">exp = iat + this; default 86400.</param>
/// <param name="NotBeforeOffsetSeconds">nbf = iat + this; default 0 (BigCommerce: nbf = iat).</param>
/// <param name="IssuedAtOffsetSeconds">iat = now + this; e.g. -90000 with the default lifetime makes an expired token.</param>
/// <param name="Secret">HMAC key; default the app's client secret.</param>
/// <param name="Alg">HS256 (default), HS384, HS512 or none (unsigned: empty signature segment).</param>
/// <param name="Subject">Default <c>stores/{storeHash}</c>.</param>
public sealed record JwtRequest(
    string StoreHash, long? UserId = null, string? UserEmail = null, string? UserLocale = null, long? OwnerId = null, string? OwnerEmail = null,
    int? LifetimeSeconds = null, int? NotBeforeOffsetSeconds = null, int? IssuedAtOffsetSeconds = null,
    string? Audience = null, string? Issuer = null, string? Secret = null, string? Alg = null, string? Subject = null,
    string? Url = null, long? ChannelId = null);

public sealed record JwtResponse(string Jwt);

/// <param name="Kind">load (from the browser), uninstall or remove_user (from BigCommerce's servers).</param>
/// <param name="RevokeToken">For uninstall: replace the store's token after the callback, as an uninstall revokes it. Default true.</param>
public sealed record CallbackRequest(
    string StoreHash, string Kind, string Url, long? UserId = null, string? UserEmail = null, string? UserLocale = null,
    long? OwnerId = null, string? OwnerEmail = null, int? LifetimeSeconds = null, int? NotBeforeOffsetSeconds = null,
    int? IssuedAtOffsetSeconds = null, string? Audience = null, string? Issuer = null, string? Secret = null, string? Alg = null,
    string? Subject = null, string? DeepLink = null, long? ChannelId = null, bool? RevokeToken = null)
{
    public JwtRequest ToJwtRequest() => new(
        StoreHash, UserId, UserEmail, UserLocale, OwnerId, OwnerEmail, LifetimeSeconds, NotBeforeOffsetSeconds, IssuedAtOffsetSeconds,
        Audience, Issuer, Secret, Alg, Subject, DeepLink, ChannelId);
}

/// <param name="Status">The app's status; 0 if it never answered (see <paramref name="Error"/>).</param>
/// <param name="Body">The first 4 KB of its answer.</param>
/// <param name="Jwt">The signed_payload_jwt that was sent.</param>
public sealed record CallbackResponse(int Status, string? ContentType, string? Body, string Jwt, string? Error);
