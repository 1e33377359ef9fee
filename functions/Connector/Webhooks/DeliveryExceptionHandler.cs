using Azure;
using Connector.Hosting;
using Connector.Installations;
using Connector.Orders;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// POST /api/webhooks/bigcommerce/delivery-exception: BigCommerce could not deliver the store's webhooks (90001 retrying,
/// 90002 given up and deactivating, 90003 destination blocked). Recorded on the installation, and the store is polled at
/// once: the poll reads every order changed meanwhile and reconciles (reactivates) the subscriptions.
/// </summary>
public sealed class DeliveryExceptionHandler(
    WebhookRequest verifier,
    WebhookReceipts receipts,
    InstallationRegistry registry,
    WorkQueue queue,
    TimeProvider clock,
    ILogger<DeliveryExceptionHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (webhook, refusal) = await verifier.VerifyAsync(request, cancellationToken);
        if (webhook is null)
        {
            return refusal!;
        }

        var (id, payload, installation) = webhook;
        if (payload.Scope != WebhookScopes.DeliveryException)
        {
            return Results.Ok(new { status = "ignored", reason = "event not handled" });
        }

        if (installation.Status != InstallationStatus.Active)
        {
            return Results.Ok(new { status = "ignored" });
        }

        async Task PollNowAsync(CancellationToken ct)
        {
            logger.LogWarning("BigCommerce reports webhook {HookId} of store {StoreHash} undeliverable (error {ErrorCode}); polling the store now",
                payload.DataId, payload.StoreHash, payload.ErrorCode);
            await registry.RecordDeliveryExceptionAsync(payload.StoreHash, payload.ErrorCode, ct);
            await queue.SendAsync(QueueNames.StoreSync, StoreSyncMessage.Request(payload.StoreHash, SyncCursors.OrdersFlow, id, clock.GetUtcNow()), ct);
        }

        try
        {
            // Acted on here, not in a queue: each copy is its own holder, and a failed one gives its claim back for BigCommerce's retry.
            if (!await receipts.ActOnceAsync(payload.StoreHash, id, payload.EventAt, Guid.NewGuid().ToString("N"), payload.Scope, payload.DataId, PollNowAsync, cancellationToken))
            {
                return Results.Ok(new { status = "ignored" });
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            return Results.Problem(title: "Not recorded", detail: "Try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok(new { status = "store-sync queued" });
    }
}
