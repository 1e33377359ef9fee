using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Orders;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>Try again later: the order is locked by another record's write, or the store is not connected now.</summary>
public sealed class ShipmentWaitingException(string message) : Exception(message);

/// <summary>
/// The shipments queue: one back-office shipment or cancellation. A record already done or refused costs nothing more.
/// Otherwise it takes its order's lock (one write per order at a time), and <see cref="ShipmentWriter"/> or
/// <see cref="OrderCancellation"/> writes it to BigCommerce. Transient failures throw for the queue; the record's row
/// says what happened for the merchant either way.
/// </summary>
public sealed class ProcessShipmentHandler(
    IStoreDirectory stores,
    FulfilmentLedger ledger,
    ShipmentWriter shipments,
    OrderCancellation cancellations,
    TimeProvider clock,
    ILogger<ProcessShipmentHandler> logger) : IQueueMessageHandler
{
    /// <summary>How long an order's lock holds off other records if its holder dies mid-write.</summary>
    public static readonly TimeSpan OrderLockLease = TimeSpan.FromMinutes(2);

    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var work = WorkQueue.Read<ShipmentMessage>(message.Body);
        if (string.IsNullOrEmpty(work.StoreHash) || work.Record() is not { } record)
        {
            throw new InvalidMessageException("A shipments message needs a store and exactly one shipment or cancellation of that store and order.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["StoreHash"] = record.StoreHash, ["OrderId"] = record.OrderId, ["BackOfficeId"] = record.Id, ["CorrelationId"] = work.CorrelationId,
        });

        var existing = await ledger.FindAsync(record.StoreHash, record.Kind, record.Id, cancellationToken);
        if (FulfilmentState.IsFinal(existing?.State))
        {
            logger.LogInformation("The back office's {Kind} {BackOfficeId} of order {OrderId} is already {State}; nothing to do ({Source})",
                record.Kind, record.Id, record.OrderId, existing!.State, work.Source);
            return;
        }

        if (await stores.FindActiveStoreAsync(record.StoreHash, cancellationToken) is null)
        {
            // Not dropped: unlike stock, a shipment is not read again by the next scan. It waits for the store (poison last).
            throw new ShipmentWaitingException($"Store {record.StoreHash} is not connected now; the {record.Kind} waits for it.");
        }

        var order = await LockOrderAsync(record, message.MessageId, cancellationToken)
            ?? throw new ShipmentWaitingException($"Order {record.OrderId} has another shipment or cancellation being written; this {record.Kind} follows it.");
        try
        {
            // Read again under the lock: a copy of this record (feed and push) may have been written while this one waited.
            existing = await ledger.FindAsync(record.StoreHash, record.Kind, record.Id, cancellationToken);
            if (FulfilmentState.IsFinal(existing?.State))
            {
                logger.LogInformation("The back office's {Kind} {BackOfficeId} of order {OrderId} was {State} meanwhile; nothing to do", record.Kind, record.Id, record.OrderId, existing!.State);
                return;
            }

            if (record.Shipment is { } shipment)
            {
                await shipments.WriteAsync(shipment, existing, order, message.DequeueCount, cancellationToken);
            }
            else
            {
                await cancellations.WriteAsync(record.Cancellation!, existing, order, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(record.StoreHash, ex.Message, cancellationToken);
            throw;
        }
        catch (StoreScopeMissingException ex)
        {
            await stores.MarkFlowLackingScopeAsync(record.StoreHash, SyncCursors.ShipmentsFlow, ex.Message, cancellationToken);
            throw new ShipmentWaitingException($"The shipments flow lacks its BigCommerce scope: {ex.Message}");
        }
        finally
        {
            await UnlockQuietlyAsync(record, message.MessageId);
        }
    }

    /// <summary>
    /// A write holds an order for about a second: waiting that long here beats the queue's retry (seconds, then a round of a
    /// minute), which two copies of one record arriving together would otherwise pay.
    /// </summary>
    private async Task<OrderShippingEntry?> LockOrderAsync(FulfilmentRecord record, string holder, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            if (await ledger.TryLockOrderAsync(record.StoreHash, record.OrderId, holder, now, now + OrderLockLease, cancellationToken) is { } order)
            {
                return order;
            }

            if (attempt == LockTries)
            {
                return null;
            }

            await Task.Delay(LockRetryDelay, clock, cancellationToken);
        }
    }

    private const int LockTries = 10;
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(500);

    private async Task UnlockQuietlyAsync(FulfilmentRecord record, string holder)
    {
        try
        {
            await ledger.UnlockOrderAsync(record.StoreHash, record.OrderId, holder, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Never hides the write's own outcome; the lock expires anyway.
            logger.LogWarning(ex, "The lock on order {OrderId} of store {StoreHash} was not released; it expires in {Lease}", record.OrderId, record.StoreHash, OrderLockLease);
        }
    }
}
