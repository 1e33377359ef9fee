using Connector.Hosting;
using Connector.Installations;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Connector.MerchantPage;

/// <summary>A page action allowed to go on: whose session it is, the store as it is now, and the form it posted.</summary>
public sealed record PageCaller(PageSession Session, string Token, InstallationRecord Installation, IFormCollection Form);

/// <summary>
/// The checks every page action passes, on every request (an open page is no licence): the request comes from the
/// page's own origin when the browser says where it comes from; it carries a session token (form field or header, never
/// a cookie) that this connector signed, for one store, unexpired; that store is still installed; and the user may
/// still open the app (the owner, or a user the owner let in and has not removed), or, for the operator, the admin
/// key the console session was opened with is still the key.
/// </summary>
public sealed class PageAccess(
    PageSessionTokens tokens, InstallationRegistry registry, AppUsers users, IOptions<MerchantPageOptions> options,
    IOptions<ConnectorOptions> connector, ILogger<PageAccess> logger)
{
    public async Task<(PageCaller? Caller, IResult? Refusal)> AuthorizeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, bad) = await ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            return (null, bad);
        }

        var token = TokenOf(request, form);
        var session = await tokens.ValidateAsync(token);
        if (session is null)
        {
            logger.LogWarning("Page action refused: no valid session token");
            return (null, Refuse(StatusCodes.Status401Unauthorized, "Session ended",
                "This page's session is not valid or has ended. Open the app again from the BigCommerce control panel."));
        }

        var installation = await registry.FindAsync(session.StoreHash, cancellationToken);
        if (installation is null || installation.Status == InstallationStatus.Uninstalled)
        {
            logger.LogWarning("Page action for store {StoreHash} refused: the store is not installed", session.StoreHash);
            return (null, Refuse(StatusCodes.Status410Gone, "Store uninstalled", "This store no longer has the connector installed."));
        }

        // A session opened before the latest install belongs to an earlier installation (perhaps another owner).
        if (session.IssuedAt < (installation.LastInstalledAt ?? installation.InstalledAt) - TimeSpan.FromSeconds(30))
        {
            return (null, Refuse(StatusCodes.Status401Unauthorized, "Session ended", "The connector was installed again since this page was opened. Open the app again."));
        }

        if (!await MayActAsync(session, installation, cancellationToken))
        {
            logger.LogWarning("Page action for store {StoreHash} refused: {Actor} may no longer open the app", session.StoreHash, session.Actor);
            return (null, Refuse(StatusCodes.Status403Forbidden, "Access removed", "The store owner removed your access to this app."));
        }

        return (new PageCaller(session, token!, installation, form), null);
    }

    private async Task<bool> MayActAsync(PageSession session, InstallationRecord installation, CancellationToken cancellationToken)
    {
        if (session.IsOperator)
        {
            // The operator's page session is only issued from a console session; the key must still be set.
            return connector.Value.AdminApiKey is { Length: >= 16 };
        }

        var userId = session.UserId!.Value;
        return userId == installation.OwnerId || await users.ExistsAsync(session.StoreHash, userId, cancellationToken);
    }

    /// <summary>
    /// The form, read only when it is a small urlencoded POST from the page's own origin. A cross-site form post can be
    /// urlencoded too, so the token is what really stops one; the Origin check refuses it earlier where browsers send it.
    /// </summary>
    public async Task<(IFormCollection? Form, IResult? Refusal)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return (null, Refuse(StatusCodes.Status405MethodNotAllowed, "Not allowed", "Page actions are form posts."));
        }

        if (!OriginAllowed(request))
        {
            logger.LogWarning("Page action refused: posted from another origin");
            return (null, Refuse(StatusCodes.Status403Forbidden, "Not allowed", "This request did not come from the app's page."));
        }

        if (request.ContentLength is not { } length || length > options.Value.MaxFormBytes)
        {
            return (null, Refuse(StatusCodes.Status413PayloadTooLarge, "Too much", "The form sent is larger than any form of this page."));
        }

        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return (null, Refuse(StatusCodes.Status415UnsupportedMediaType, "Not a form", "Page actions are form posts."));
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken), null);
        }
        catch (InvalidDataException)
        {
            return (null, Refuse(StatusCodes.Status400BadRequest, "Bad form", "The form could not be read."));
        }
    }

    /// <summary>
    /// The page posts to its own origin, so a browser's Origin header names the connector. Absent (some privacy settings
    /// drop it), the token alone decides; "null" or another origin is refused.
    /// </summary>
    private bool OriginAllowed(HttpRequest request)
    {
        var origin = request.Headers.Origin;
        if (StringValues.IsNullOrEmpty(origin))
        {
            return true;
        }

        var value = origin.ToString();
        var own = $"{request.Scheme}://{request.Host}";
        var publicBase = connector.Value.PublicBaseUrl is { } url ? url.GetLeftPart(UriPartial.Authority) : null;
        return string.Equals(value, own, StringComparison.OrdinalIgnoreCase) || string.Equals(value, publicBase, StringComparison.OrdinalIgnoreCase);
    }

    private static string? TokenOf(HttpRequest request, IFormCollection form) =>
        form[PageSessionTokens.FormField] is { Count: 1 } field ? field.ToString()
        : request.Headers[PageSessionTokens.Header] is { Count: 1 } header ? header.ToString()
        : null;

    private IResult Refuse(int status, string title, string detail) => PageResults.Problem(options.Value, status, title, detail);
}
