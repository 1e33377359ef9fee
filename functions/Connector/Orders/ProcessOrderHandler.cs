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
/// are recorded in the ledger with their reason and the message completes.
/// </summary>
public sealed class ProcessOrderHandler(
    IStoreDirectory stores,
    OrderDelivery delivery,
    OrderLedger ledger,
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

        var store = await stores.FindActiveStoreAsync(work.StoreHash, cancellationToken);
        if (store is null)
        {
            logger.LogInformation("Order {OrderId}: store {StoreHash} is not active; dropped", work.OrderId, work.StoreHash);
            return;
        }

        try
        {
            await delivery.ProcessAsync(store, work, message.MessageId, message.DequeueCount, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(work.StoreHash, ex.Message, cancellationToken);
            await RecordFailureAsync(work, message.MessageId, ex.Message, cancellationToken);
            throw;
        }
        catch (Exception ex) when (ex is BigCommerceApiException or BackOfficeUnavailableException or InvalidMessageException)
        {
            // Recorded so a person can see why, then retried by the queue; after the last attempt the message goes to poison.
            await RecordFailureAsync(work, message.MessageId, ex.Message, cancellationToken);
            logger.LogWarning(ex, "Order {OrderId} of store {StoreHash} failed (attempt {Attempt})",
                work.OrderId, work.StoreHash, message.DequeueCount);
            throw;
        }
    }

    /// <summary>Records why, and lets go of this message's claim so other workers need not wait for its retry.</summary>
    private Task RecordFailureAsync(OrderMessage work, string holder, string reason, CancellationToken cancellationToken) =>
        ledger.UpdateAsync(work.StoreHash, work.OrderId, entry =>
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
