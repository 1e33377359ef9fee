using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>
/// The orders queue: brings one order to the back office, once per version. Transient failures throw,
/// so the queue retries (and moves the message to orders-poison after the last attempt); permanent ones
/// are recorded in the ledger with their reason and the message completes. A quiet store's webhook message (with its
/// callback copy's id) first claims the webhook's receipt: a copy of a callback already handled or in hand completes
/// without a BigCommerce call.
/// </summary>
public sealed class ProcessOrderHandler(
    IStoreDirectory stores,
    OrderDelivery delivery,
    OrderLedger ledger,
    Webhooks.WebhookReceipts receipts,
    Activity.ActivityCounters activity,
    Telemetry.ConnectorMetrics metrics,
    TimeProvider clock,
    ILogger<ProcessOrderHandler> logger) : IQueueMessageHandler
{
    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var work = WorkQueue.Read<OrderMessage>(message.Body);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["StoreHash"] = work.StoreHash,
            ["OrderId"] = work.OrderId,
            ["CorrelationId"] = work.CorrelationId,
        });

        var store = await stores.FindActiveStoreAsync(work.StoreHash, cancellationToken)
            ?? await WaitForStoreAsync(work, message.MessageId, cancellationToken);
        if (store is null)
        {
            return;
        }

        // Not a webhook's, or queued by the webhooks worker, which claimed the callbacks' receipts for the batch it read.
        if (work.Source != OrderSources.Webhook || work.CallbackCopy is not { } copy)
        {
            await ProcessAsync(store, work, message, cancellationToken);
            return;
        }

        // Claimed before the read, so a crash between claim and done leaves it to this message's retry (same copy id).
        if (!await receipts.ActOnceAsync(work.StoreHash, work.CorrelationId, work.EventAt, copy, "order", work.OrderId,
                ct => ProcessAsync(store, work, message, ct), cancellationToken))
        {
            logger.LogInformation("Webhook {WebhookId} for order {OrderId} of store {StoreHash} is another copy's, handled or in hand; dropped",
                work.CorrelationId, work.OrderId, work.StoreHash);
        }
    }

    private async Task ProcessAsync(StoreConnection store, OrderMessage work, QueueWorkItem message, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.ProcessAsync(store, work, message.MessageId, message.DequeueCount, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(work.StoreHash, ex.Message, cancellationToken);
            await RecordFailureAsync(work, message.MessageId, ex.Message, cancellationToken);
            if (await WaitForStoreAsync(work, message.MessageId, cancellationToken) is null)
            {
                return;
            }

            throw; // authorized again meanwhile: the queue retries with the new token
        }
        catch (StoreScopeMissingException ex)
        {
            // The orders flow lacks its scope: retrying cannot help until it is granted. The order waits on the ledger, and
            // the first poll that succeeds again queues it (StoreSyncHandler); the store's other flows go on.
            await stores.MarkFlowLackingScopeAsync(work.StoreHash, SyncCursors.OrdersFlow, ex.Message, cancellationToken);
            await RecordFailureAsync(work, message.MessageId, ex.Message, cancellationToken);
            await ledger.ParkAsync(work.StoreHash, work.OrderId, work.ModifiedAt, message.MessageId, clock.GetUtcNow(), cancellationToken);
            logger.LogWarning("Order {OrderId} of store {StoreHash} waits: {Reason}", work.OrderId, work.StoreHash, ex.Message);
        }
        catch (Exception ex) when (ex is BigCommerceApiException or BackOfficeUnavailableException or InvalidMessageException)
        {
            // Recorded so a person can see why, then retried by the queue; after the last attempt the message goes to poison.
            var why = ex is BackOfficeUnavailableException { Reason: { } reason } ? $"{ex.Message}: {reason}" : ex.Message;
            await RecordFailureAsync(work, message.MessageId, why, cancellationToken);
            metrics.OrderRetried(work.StoreHash);
            logger.LogWarning(ex, "Order {OrderId} of store {StoreHash} failed (attempt {Attempt})",
                work.OrderId, work.StoreHash, message.DequeueCount);
            throw;
        }
    }

    /// <summary>
    /// The store is not active (uninstalled, or its token refused): retrying cannot help until it is authorized again,
    /// which may take days, so the message completes; but the order is recorded as waiting for the store (unless its
    /// version needs nothing more), and the first poll after the store is active again queues it again. A store that
    /// became active in between is returned, so this message goes on with it instead.
    /// </summary>
    private async Task<StoreConnection?> WaitForStoreAsync(OrderMessage work, string holder, CancellationToken cancellationToken)
    {
        var waiting = await ledger.ParkAsync(work.StoreHash, work.OrderId, work.ModifiedAt, holder, clock.GetUtcNow(), cancellationToken);
        if (await stores.FindActiveStoreAsync(work.StoreHash, cancellationToken) is { } reactivated)
        {
            return reactivated;
        }

        if (waiting)
        {
            logger.LogWarning("Order {OrderId}: store {StoreHash} is not active; the order waits for it to be authorized again", work.OrderId, work.StoreHash);
        }
        else
        {
            logger.LogInformation("Order {OrderId}: store {StoreHash} is not active, and this version needs nothing more; dropped", work.OrderId, work.StoreHash);
        }

        return null;
    }

    /// <summary>Records why, and lets go of this message's claim so other workers need not wait for its retry.</summary>
    private Task RecordFailureAsync(OrderMessage work, string holder, string reason, CancellationToken cancellationToken)
    {
        activity.Count(work.StoreHash, Activity.ActivityKind.OrderAttemptFailed);
        return ledger.UpdateAsync(work.StoreHash, work.OrderId, entry =>
        {
            if (entry.Status != OrderLedgerStatus.Delivered)
            {
                entry.Status = OrderLedgerStatus.Failing;
            }

            entry.Release(holder);
            entry.LastError = reason;
            entry.Attempts++;
            entry.LastAttemptAt = clock.GetUtcNow();
        }, cancellationToken);
    }
}
