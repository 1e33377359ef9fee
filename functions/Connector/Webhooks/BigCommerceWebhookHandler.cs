using Azure;
using Connector.Hosting;
using Connector.Installations;
using Connector.Orders;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// POST /api/webhooks/bigcommerce: an order or shipment event. After <see cref="WebhookRequest"/>'s checks, the callback
/// goes on the <c>webhooks</c> queue through <see cref="WebhookGroupCommit"/> (one write, shared with the callbacks arriving
/// at the same moment), and BigCommerce gets its 200 once that write succeeded (503 if it failed: BigCommerce retries).
/// Copies of a callback (same <c>webhook-id</c>) are told apart behind the queue, not here: the worker claims the
/// callbacks' receipts before anything costs a BigCommerce call (<see cref="ProcessWebhookBatchHandler"/>), so a duplicate
/// costs part of a message and a table operation. The ledgers and the idempotency keys then make webhook- and poll-driven
/// work reach the back office once.
/// </summary>
public sealed class BigCommerceWebhookHandler(
    WebhookRequest verifier,
    WebhookGroupCommit commit,
    WorkQueue queue,
    ILogger<BigCommerceWebhookHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (webhook, refusal) = await verifier.VerifyAsync(request, cancellationToken);
        if (webhook is null)
        {
            return refusal!;
        }

        var (id, payload, installation) = webhook;
        var isShipment = WebhookScopes.IsShipmentEvent(payload.Scope) && payload.DataType == "shipment" && payload.OrderId is not null;
        var product = Catalog.CatalogWebhook.MessageFor(payload, id);
        if (!isShipment && product is null && (!WebhookScopes.IsOrderEvent(payload.Scope) || payload.DataType != "order"))
        {
            logger.LogInformation("Webhook {WebhookId} ({Scope}) of store {StoreHash} is not an event the connector handles; acknowledged",
                id, payload.Scope, payload.StoreHash);
            return Results.Ok(new { status = "ignored", reason = "event not handled" });
        }

        if (installation.Status != InstallationStatus.Active)
        {
            logger.LogInformation("Webhook {WebhookId} for store {StoreHash} ({Status}) acknowledged and dropped", id, payload.StoreHash, installation.Status);
            return Results.Ok(new { status = "ignored", reason = "store not active" });
        }

        // The request's span, found by store and order (its message's processing is a child of it: Telemetry.QueueTraceContext).
        System.Diagnostics.Activity.Current?.SetTag(Telemetry.SpanTags.StoreHash, payload.StoreHash)
            .SetTag(isShipment ? Telemetry.SpanTags.ShipmentId : product is not null ? Telemetry.SpanTags.ProductId : Telemetry.SpanTags.OrderId,
                product?.ProductId ?? payload.DataId);

        try
        {
            if (product is not null)
            {
                // A product's events are not batched: each costs one product read, whichever message carries it.
                await queue.SendAsync(QueueNames.Products, product, cancellationToken);
            }
            else
            {
                // One write for this callback and whatever arrives with it; answered once that write succeeded.
                await commit.AcceptAsync(new AcceptedWebhook(id, payload.StoreHash, payload.Scope, payload.DataId, isShipment ? payload.OrderId : null, payload.CreatedAt,
                    Telemetry.CallbackTrace.Capture()),
                    cancellationToken);
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            // Storage is unavailable: a non-2xx makes BigCommerce retry later, and the poll is the safety net.
            logger.LogWarning(ex, "Webhook {WebhookId} ({Scope} {DataId}) of store {StoreHash} not queued: storage unavailable", id, payload.Scope, payload.DataId, payload.StoreHash);
            return Results.Problem(title: "Not queued", detail: "Try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        logger.LogInformation("{DataType} {DataId} of store {StoreHash} enqueued by webhook {Scope} (correlation {CorrelationId})",
            payload.DataType, payload.DataId, payload.StoreHash, payload.Scope, id);
        return Results.Ok(new { status = "queued" });
    }
}
