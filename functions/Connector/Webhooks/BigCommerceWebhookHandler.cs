using Azure;
using Connector.Hosting;
using Connector.Installations;
using Connector.Orders;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// POST /api/webhooks/bigcommerce: an order event. After <see cref="WebhookRequest"/>'s checks, a callback seen before
/// (same <c>webhook-id</c>) is acknowledged and dropped; otherwise one <c>orders</c> message is queued and BigCommerce gets
/// its 200 at once. The work happens in the queue, where the ledger and the idempotency key make webhook- and
/// poll-driven work for the same order version reach the back office once.
/// </summary>
public sealed class BigCommerceWebhookHandler(
    WebhookRequest verifier,
    WebhookReceipts receipts,
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
        if (!WebhookScopes.IsOrderEvent(payload.Scope) || payload.DataType != "order")
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

        var message = new OrderMessage(payload.StoreHash, payload.DataId, null, OrderSources.Webhook, id,
            payload.CreatedAt is { } createdAt ? DateTimeOffset.FromUnixTimeSeconds(createdAt) : null);
        try
        {
            if (!await receipts.ActOnceAsync(payload.StoreHash, id, payload.Scope, payload.DataId,
                    ct => queue.SendAsync(QueueNames.Orders, message, ct), cancellationToken))
            {
                logger.LogInformation("Webhook {WebhookId} for order {OrderId} of store {StoreHash} already received; dropped", id, payload.DataId, payload.StoreHash);
                return Results.Ok(new { status = "duplicate" });
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            // Storage is unavailable: a non-2xx makes BigCommerce retry later, and the poll is the safety net.
            logger.LogWarning(ex, "Webhook {WebhookId} for order {OrderId} of store {StoreHash} not queued: storage unavailable", id, payload.DataId, payload.StoreHash);
            return Results.Problem(title: "Not queued", detail: "Try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        logger.LogInformation("Order {OrderId} of store {StoreHash} enqueued by webhook {Scope} (correlation {CorrelationId})",
            payload.DataId, payload.StoreHash, payload.Scope, id);
        return Results.Ok(new { status = "queued" });
    }
}
