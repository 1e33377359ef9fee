using Connector.BigCommerce;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>The part the load, uninstall and remove_user callbacks share: a verified JWT and the installation it names.</summary>
public sealed class SignedCallback(SignedPayloadVerifier verifier, InstallationRegistry registry, ILogger<SignedCallback> logger)
{
    public sealed record Verified(SignedPayload Payload, InstallationRecord Installation);

    /// <returns>The verified caller, or the response refusing it.</returns>
    public async Task<(Verified? Caller, IResult? Refusal)> VerifyAsync(HttpRequest request, string callback, bool html, CancellationToken cancellationToken)
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

        return (new Verified(payload, installation), null);
    }

    private static IResult Refuse(bool html, int status, string title, string detail) =>
        html ? AppPages.Problem(status, title, detail) : Results.Problem(title: title, detail: detail, statusCode: status);
}
