using Connector.Hosting;
using Connector.Storage;
using Connector.Stores;
using Connector.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>
/// After a store becomes active again (reinstalled, or authorized again after its token was refused), every order that
/// may still owe the back office a change is queued again, once per reactivation. While the store was inactive its
/// messages completed without delivering (recorded as waiting for the store) or failed; the poll's watermark is past
/// them, and their hour-long "queued" marks would make the next poll skip them: without this they would be lost.
/// Queuing one too many costs a BigCommerce read; the ledger and the idempotency key keep the back office at one
/// delivery per version.
/// </summary>
public sealed class UndeliveredOrderRecovery(
    OrderLedger ledger, SyncCursors cursors, WorkQueue queue, TimeProvider clock, ILogger<UndeliveredOrderRecovery> logger)
{
    /// <returns>How many orders were queued again (0 when this reactivation was already handled).</returns>
    public async Task<int> RunOnceAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        if (store.ReactivatedAt is not { } reactivatedAt)
        {
            return 0;
        }

        var cursor = await cursors.FindAsync(store.StoreHash, SyncCursors.OrdersFlow, cancellationToken);
        if (cursor?.RecoveredReactivationAt >= reactivatedAt)
        {
            return 0;
        }

        var queued = await RequeueOwingAsync(store.StoreHash, correlationId, cancellationToken);
        await cursors.RecordRecoveryAsync(store.StoreHash, reactivatedAt, cancellationToken);
        logger.LogInformation("Store {StoreHash} is active again since {ReactivatedAt}: {Count} orders that may not have reached the back office queued again (correlation {CorrelationId})",
            store.StoreHash, reactivatedAt.Iso(), queued, correlationId);
        return queued;
    }

    /// <summary>Queues again every order of the store that may owe the back office a change; also when its orders flow got its scope back.</summary>
    public async Task<int> RequeueOwingAsync(string storeHash, string correlationId, CancellationToken cancellationToken)
    {
        var queued = 0;
        await foreach (var owing in ledger.ListOwingAsync(storeHash, cancellationToken))
        {
            var orderId = long.Parse(owing.RowKey, System.Globalization.CultureInfo.InvariantCulture);
            var sentAt = clock.GetUtcNow();
            // No version: the order is read as it is now, whatever changed while the store was away.
            await queue.SendAsync(QueueNames.Orders, new OrderMessage(storeHash, orderId, null, OrderSources.Recovery, correlationId), cancellationToken);
            // After the send: a crash in between only queues it again on the next poll.
            await ledger.UpdateAsync(storeHash, orderId, entry =>
            {
                if (entry.ParkedAt <= sentAt)
                {
                    entry.ParkedAt = null;
                }

                if (entry.Status == OrderLedgerStatus.WaitingForStore)
                {
                    entry.Status = OrderLedgerStatus.Pending;
                }
            }, cancellationToken);
            queued++;
        }

        return queued;
    }
}
