using Azure;
using Connector.Hosting;
using Connector.Installations;
using Connector.Orders;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// POST /api/webhooks/bigcommerce: an order or shipment event. After <see cref="WebhookRequest"/>'s checks, one message is
/// queued (<c>orders</c>, or <c>bigcommerce-shipments</c> for <c>store/shipment/created</c>), the one storage write of the
/// request, and BigCommerce gets its 200 at once. Copies of a callback (same <c>webhook-id</c>) are told apart in the
/// queue, not here: the worker claims the webhook's receipt before anything costs a BigCommerce call (<see cref="WebhookReceipts"/>),
/// so a duplicate costs a message and a table operation. The ledgers and the idempotency keys then make webhook- and
/// poll-driven work reach the back office once.
/// </summary>
public sealed class BigCommerceWebhookHandler(
    WebhookRequest verifier,
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

        // This copy's own id: its message's retries keep it and take their claim back; another copy of the webhook has another.
        var copy = Guid.NewGuid().ToString("N");
        try
        {
            if (product is not null)
            {
                await queue.SendAsync(QueueNames.Products, product, cancellationToken);
            }
            else if (isShipment)
            {
                await queue.SendAsync(QueueNames.BigCommerceShipments, new Shipments.BigCommerceShipmentMessage(
                    payload.StoreHash, payload.OrderId!.Value, payload.DataId, Shipments.BigCommerceShipmentMessage.Webhook, id, copy), cancellationToken);
            }
            else
            {
                await queue.SendAsync(QueueNames.Orders, new OrderMessage(payload.StoreHash, payload.DataId, null, OrderSources.Webhook, id,
                    payload.CreatedAt is { } createdAt ? DateTimeOffset.FromUnixTimeSeconds(createdAt) : null, CallbackCopy: copy), cancellationToken);
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
