using Connector.BigCommerce;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>How a callback treats a second request with the same token.</summary>
public enum CallbackUse
{
    /// <summary>
    /// load: the control panel's iframe may be reloaded with the URL (and token) it already has, within the token's short
    /// lifetime. That only shows the page again, so a repeat is normal browsing, not an attack.
    /// </summary>
    Repeatable,

    /// <summary>uninstall and remove_user change the store: a token does that once.</summary>
    Once,
}

/// <summary>
/// The part the load, uninstall and remove_user callbacks share: a verified JWT and the installation it names.
/// Replays are refused: no token issued before the installation's latest install (a token captured before a
/// reinstall), and no second use of a one-shot callback's token (<see cref="CallbackUse.Once"/>).
/// </summary>
public sealed class SignedCallback(
    SignedPayloadVerifier verifier, InstallationRegistry registry, UsedCallbackTokens usedTokens, AppPages pages, ILogger<SignedCallback> logger)
{
    public sealed record Verified(SignedPayload Payload, InstallationRecord Installation);

    /// <returns>The verified caller, or the response refusing it.</returns>
    public async Task<(Verified? Caller, IResult? Refusal)> VerifyAsync(
        HttpRequest request, string callback, bool html, CallbackUse use, CancellationToken cancellationToken)
    {
        SignedPayload payload;
        try
        {
            payload = await verifier.VerifyAsync(request.Query["signed_payload_jwt"], cancellationToken);
        }
        catch (SignedPayloadException ex)
        {
            logger.LogWarning("{Callback} callback refused: {Reason}", callback, ex.Message);
            return (null, Refuse(html, StatusCodes.Status401Unauthorized, "Not signed by BigCommerce", $"This request could not be verified: {ex.Message}"));
        }

        var installation = await registry.FindAsync(payload.StoreHash, cancellationToken);
        if (installation is null)
        {
            return (null, Refuse(html, StatusCodes.Status404NotFound, "Store not installed", "This store has not installed the connector."));
        }

        if (installation.Status == InstallationStatus.Uninstalled)
        {
            return (null, Refuse(html, StatusCodes.Status410Gone, "Store uninstalled", "This store uninstalled the connector. Install it again from the App Marketplace."));
        }

        // BigCommerce's clock and ours may differ a little: the verifier's skew applies here too.
        var installedAt = installation.LastInstalledAt ?? installation.InstalledAt;
        if (payload.IssuedAt < installedAt - SignedPayloadVerifier.ClockSkew)
        {
            logger.LogWarning("{Callback} callback for store {StoreHash} refused: its token was issued before the latest install", callback, payload.StoreHash);
            return (null, Refuse(html, StatusCodes.Status401Unauthorized, "Request out of date",
                "This request was issued before the connector was last installed. Open the app again from the control panel."));
        }

        if (use == CallbackUse.Once && await usedTokens.WasUsedAsync(payload.StoreHash, payload.TokenId, cancellationToken))
        {
            logger.LogWarning("{Callback} callback for store {StoreHash} refused: its token was used already", callback, payload.StoreHash);
            return (null, Refuse(html, StatusCodes.Status401Unauthorized, "Request used already", "This request was already carried out."));
        }

        return (new Verified(payload, installation), null);
    }

    /// <summary>
    /// After a one-shot callback did its work: its token is spent. Recorded after the work, so a failure midway leaves
    /// BigCommerce's retry (same token) free to finish it; two copies racing both act, which uninstall and remove_user bear.
    /// </summary>
    public Task RecordUseAsync(Verified caller, CancellationToken cancellationToken) =>
        usedTokens.RecordAsync(caller.Payload.StoreHash, caller.Payload.TokenId, caller.Payload.ExpiresAt, cancellationToken);

    private IResult Refuse(bool html, int status, string title, string detail) =>
        html ? pages.Problem(status, title, detail) : Results.Problem(title: title, detail: detail, statusCode: status);
}
