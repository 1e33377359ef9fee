using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Orders;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>
/// The bigcommerce-shipments queue: one shipment made in BigCommerce. A shipment already settled costs one table read.
/// Otherwise it is read (one BigCommerce call), recorded as the connector's own when a back-office shipment of the order
/// made it, and else delivered to the back office under its idempotency key. Back-office outages and BigCommerce faults
/// throw for the queue; the row says what happened either way. A webhook's message first claims the webhook's receipt: a
/// copy of a callback already handled or in hand completes without a BigCommerce call.
/// </summary>
public sealed class ProcessBigCommerceShipmentHandler(
    Webhooks.WebhookReceipts receipts,
    IStoreDirectory stores,
    StoreSettings settings,
    PulledShipments pulled,
    FulfilmentLedger fulfilments,
    BigCommerceShipmentsClient bigCommerce,
    BackOfficeClient backOffice,
    TimeProvider clock,
    ILogger<ProcessBigCommerceShipmentHandler> logger) : IQueueMessageHandler
{
    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var work = WorkQueue.Read<BigCommerceShipmentMessage>(message.Body);
        if (string.IsNullOrEmpty(work.StoreHash) || work.OrderId <= 0 || work.BigCommerceShipmentId <= 0)
        {
            throw new InvalidMessageException("A bigcommerce-shipments message needs a store, an order id and a shipment id.");
        }

        var (storeHash, orderId, shipmentId) = (work.StoreHash, work.OrderId, work.BigCommerceShipmentId);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["StoreHash"] = storeHash, ["OrderId"] = orderId, ["ShipmentId"] = shipmentId, ["CorrelationId"] = work.CorrelationId,
        });

        // A poll's, or queued by an endpoint that deduped it itself (and wrote the receipt this claim would find).
        if (work.Source != BigCommerceShipmentMessage.Webhook || work.CallbackCopy is not { } copy)
        {
            await ProcessAsync(work, message.DequeueCount, cancellationToken);
            return;
        }

        // Claimed before the read, so a crash between claim and done leaves it to this message's retry (same copy id).
        if (!await receipts.ActOnceAsync(storeHash, work.CorrelationId, null, copy, "shipment", shipmentId,
                ct => ProcessAsync(work, message.DequeueCount, ct), cancellationToken))
        {
            logger.LogInformation("Webhook {WebhookId} for BigCommerce shipment {ShipmentId} of store {StoreHash} is another copy's, handled or in hand; dropped",
                work.CorrelationId, shipmentId, storeHash);
        }
    }

    private async Task ProcessAsync(BigCommerceShipmentMessage work, long attempt, CancellationToken cancellationToken)
    {
        var (storeHash, orderId, shipmentId) = (work.StoreHash, work.OrderId, work.BigCommerceShipmentId);
        if (!(await settings.GetShipmentSettingsAsync(storeHash, cancellationToken)).PullBigCommerceShipments)
        {
            logger.LogInformation("BigCommerce shipment {ShipmentId} of order {OrderId}, store {StoreHash}: pulling is off; dropped ({Source})",
                shipmentId, orderId, storeHash, work.Source);
            return;
        }

        var existing = await pulled.FindAsync(storeHash, orderId, shipmentId, cancellationToken);
        if (PulledShipmentState.IsFinal(existing?.State))
        {
            logger.LogInformation("BigCommerce shipment {ShipmentId} of order {OrderId}, store {StoreHash} is already {State}; nothing to do ({Source})",
                shipmentId, orderId, storeHash, existing!.State, work.Source);
            return;
        }

        if (await stores.FindActiveStoreAsync(storeHash, cancellationToken) is null)
        {
            // The shipments poll goes on from its watermark once the store is back, and finds it then.
            logger.LogInformation("BigCommerce shipment {ShipmentId} of store {StoreHash}: the store is not connected; dropped", shipmentId, storeHash);
            return;
        }

        try
        {
            await SettleAsync(work, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(storeHash, ex.Message, cancellationToken);
            throw;
        }
        catch (StoreScopeMissingException ex)
        {
            await stores.MarkFlowLackingScopeAsync(storeHash, SyncCursors.ShipmentsFlow, ex.Message, cancellationToken);
            throw;
        }
        catch (Exception ex) when (ex is BackOfficeUnavailableException or BigCommerceApiException { IsTransient: true })
        {
            // The connector's words only: a back office's own text may quote a customer.
            await pulled.RecordAsync(storeHash, orderId, shipmentId, PulledShipmentState.Failing, e =>
            {
                e.LastError = ex.Message;
                e.Attempts++;
            }, clock.GetUtcNow(), cancellationToken);
            logger.LogWarning(ex, "BigCommerce shipment {ShipmentId} of order {OrderId}, store {StoreHash} not delivered (attempt {Attempt}); retried",
                shipmentId, orderId, storeHash, attempt);
            throw;
        }
    }

    private async Task SettleAsync(BigCommerceShipmentMessage work, CancellationToken cancellationToken)
    {
        var (storeHash, orderId, shipmentId) = (work.StoreHash, work.OrderId, work.BigCommerceShipmentId);
        var shipment = await bigCommerce.GetAsync(storeHash, orderId, shipmentId, cancellationToken);
        if (shipment is null)
        {
            await RecordAsync(work, PulledShipmentState.Gone, null, e => e.LastError = "deleted in BigCommerce before it was read", cancellationToken);
            return;
        }

        if (OwnShipments.MadeBy(shipment, await fulfilments.ListOrderShipmentsAsync(storeHash, orderId, cancellationToken)) is { } own)
        {
            await RecordAsync(work, PulledShipmentState.Own, shipment, e => e.BackOfficeId = own.BackOfficeId, cancellationToken);
            logger.LogInformation("BigCommerce shipment {ShipmentId} of order {OrderId}, store {StoreHash} is the connector's own (back-office shipment {BackOfficeId}); not echoed",
                shipmentId, orderId, storeHash, own.BackOfficeId);
            return;
        }

        var outcome = await backOffice.DeliverBigCommerceShipmentAsync(PulledShipmentMapper.ToDelivery(storeHash, shipment), work.CorrelationId, cancellationToken);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                await RecordAsync(work, PulledShipmentState.Delivered, shipment, e => e.LastError = null, cancellationToken);
                logger.LogInformation("BigCommerce shipment {ShipmentId} of order {OrderId}, store {StoreHash} delivered to the back office ({Status}, {Source})",
                    shipmentId, orderId, storeHash, (int)delivered.Status, work.Source);
                break;
            case DeliveryOutcome.Rejected rejected:
                // The reason is kept for the merchant on the row only, never logged (it is the back office's text).
                await RecordAsync(work, PulledShipmentState.Rejected, shipment,
                    e => e.LastError = $"the back office refused it ({(int)rejected.Status}): {rejected.Reason}", cancellationToken);
                logger.LogWarning("BigCommerce shipment {ShipmentId} of order {OrderId}, store {StoreHash} rejected by the back office ({Status}); not retried",
                    shipmentId, orderId, storeHash, (int)rejected.Status);
                break;
        }
    }

    private Task RecordAsync(BigCommerceShipmentMessage work, string state, V2Shipment? shipment, Action<FulfilmentEntry> change, CancellationToken cancellationToken) =>
        pulled.RecordAsync(work.StoreHash, work.OrderId, work.BigCommerceShipmentId, state, e =>
        {
            e.TrackingNumber = shipment?.TrackingNumber;
            e.Quantity = shipment?.Items.Sum(i => i.Quantity);
            e.Attempts++;
            change(e);
        }, clock.GetUtcNow(), cancellationToken);
}
