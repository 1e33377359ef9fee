using Connector.Hosting;
using Connector.BigCommerce;
using Connector.Installations;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>A callback that passed every check: signed by BigCommerce, for a known store, with that store's secret.</summary>
public sealed record VerifiedWebhook(string WebhookId, WebhookPayload Payload, InstallationRecord Installation);

/// <summary>
/// What both webhook endpoints check before acting, cheapest first and nothing stored on a refusal: content type (415),
/// size (413), the Standard Webhooks signature and its timestamp (401), the payload (400), the store's secret header
/// (401, constant time) and the store itself (404 if the connector never knew it).
/// </summary>
public sealed partial class WebhookRequest(
    WebhookStoreCache stores,
    IOptions<BigCommerceAppOptions> app,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookRequest> logger)
{
    public async Task<(VerifiedWebhook? Webhook, IResult? Refusal)> VerifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Webhooks are application/json.");
        }

        var max = options.Value.MaxBodyBytes;
        if (request.ContentLength > max)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {max} bytes.");
        }

        var body = await RequestBodies.ReadLimitedAsync(request.Body, max, cancellationToken);
        if (body is null)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {max} bytes.");
        }

        var headers = request.Headers;
        string? id = headers[WebhookSignature.IdHeader];
        var check = WebhookSignature.Verify(id, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader],
            body, app.Value.ClientSecret, clock.GetUtcNow(), options.Value.TimestampTolerance);
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Webhook refused: signature {Check}", check);
            return Refuse(StatusCodes.Status401Unauthorized, "Not signed by BigCommerce", $"The webhook signature is {check}.");
        }

        if (!WebhookIdPattern().IsMatch(id!))
        {
            return Refuse(StatusCodes.Status400BadRequest, "Invalid webhook-id", "webhook-id has characters BigCommerce does not send.");
        }

        if (WebhookPayload.Parse(body, out var error) is not { } payload)
        {
            logger.LogWarning("Webhook {WebhookId} refused: {Reason}", id, error);
            return Refuse(StatusCodes.Status400BadRequest, "Invalid payload", error!);
        }

        if (!WebhookStoreSecret.Matches(app.Value.ClientSecret, payload.StoreHash, headers[WebhookStoreSecret.HeaderName]))
        {
            logger.LogWarning("Webhook {WebhookId} for store {StoreHash} refused: wrong or missing {Header}", id, payload.StoreHash, WebhookStoreSecret.HeaderName);
            return Refuse(StatusCodes.Status401Unauthorized, "Wrong store secret", $"{WebhookStoreSecret.HeaderName} is missing or wrong.");
        }

        InstallationRecord? installation;
        try
        {
            installation = await stores.FindAsync(payload.StoreHash, cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            // A non-2xx makes BigCommerce retry later; the poll is the safety net.
            logger.LogWarning(ex, "Webhook {WebhookId} for store {StoreHash} not taken: storage unavailable", id, payload.StoreHash);
            return Refuse(StatusCodes.Status503ServiceUnavailable, "Not taken", "Try again.");
        }

        if (installation is null)
        {
            logger.LogWarning("Webhook {WebhookId} for unknown store {StoreHash} refused", id, payload.StoreHash);
            return Refuse(StatusCodes.Status404NotFound, "Unknown store", "The connector has no installation for this store.");
        }

        return (new VerifiedWebhook(id!, payload, installation), null);
    }

    private static (VerifiedWebhook?, IResult?) Refuse(int status, string title, string detail) =>
        (null, Results.Problem(title: title, detail: detail, statusCode: status));

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.:-]{1,200}$")]
    private static partial System.Text.RegularExpressions.Regex WebhookIdPattern();
}
