using Connector.Hosting;
using Connector.Orders;
using Connector.Shipments;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// The <c>webhooks</c> queue: the callbacks one group commit of the endpoint wrote together. For each store, their receipts
/// are claimed at once (<see cref="WebhookReceipts.ClaimAllAsync"/>, before any BigCommerce call: a copy of a callback
/// handled or in hand is dropped here), the orders they name are read together (<see cref="CoalescedOrderReads"/>), and
/// each order goes on the <c>orders</c> queue once, carrying the version read, as the poll queues it (a version already
/// delivered or queued is not queued again). An order the read did not bring (alone in its range, too big to carry, not in
/// V2's list) is queued without it, and the orders worker reads it. Shipment callbacks go on the
/// <c>bigcommerce-shipments</c> queue. Then the receipts are marked done. A failure gives the claims back and the queue
/// retries; a crash leaves them to this message's retry, which takes its own claims back (they name the batch).
/// </summary>
public sealed class ProcessWebhookBatchHandler(
    WebhookReceipts receipts,
    CoalescedOrderReads reads,
    OrderLedger ledger,
    WorkQueue queue,
    TimeProvider clock,
    ILogger<ProcessWebhookBatchHandler> logger) : IQueueMessageHandler
{
    /// <summary>Orders of one batch queued at once.</summary>
    private const int QueueConcurrency = 8;

    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var batch = WorkQueue.Read<WebhookBatchMessage>(message.Body);
        if (string.IsNullOrEmpty(batch.BatchId) || batch.Callbacks is null || batch.Callbacks.Any(c => c is null || string.IsNullOrEmpty(c.StoreHash)))
        {
            throw new InvalidMessageException("A webhook batch needs its id and its callbacks.");
        }

        await Task.WhenAll(batch.Callbacks.GroupBy(c => c.StoreHash, StringComparer.Ordinal)
            .Select(store => HandleStoreAsync(batch.BatchId, store.Key, [.. store], cancellationToken)));
    }

    private async Task HandleStoreAsync(string holder, string storeHash, IReadOnlyList<AcceptedWebhook> callbacks, CancellationToken cancellationToken)
    {
        var claims = await receipts.ClaimAllAsync(storeHash,
            [.. callbacks.Select(c => (c.WebhookId, c.EventAt, c.IsShipment ? "shipment" : "order", c.DataId))], holder, cancellationToken);
        var claimed = claims.Select(c => c.WebhookId).ToHashSet(StringComparer.Ordinal);
        var mine = callbacks.Where(c => claimed.Contains(c.WebhookId)).DistinctBy(c => c.WebhookId, StringComparer.Ordinal).ToList();
        var dropped = callbacks.Count - mine.Count;
        if (mine.Count == 0)
        {
            logger.LogInformation("{Dropped} webhook callback(s) of store {StoreHash} are other copies', handled or in hand; dropped", dropped, storeHash);
            return;
        }

        int orders, shipments;
        try
        {
            shipments = await QueueShipmentsAsync(storeHash, mine, cancellationToken);
            orders = await QueueOrdersAsync(storeHash, mine, cancellationToken);
        }
        catch
        {
            await receipts.GiveBackAllAsync(claims);
            throw;
        }

        await receipts.MarkAllDoneAsync(claims);
        logger.LogInformation(
            "Webhooks of store {StoreHash}: {Callbacks} callback(s) taken, {Dropped} copies dropped; {Orders} order message(s) and {Shipments} shipment message(s) queued",
            storeHash, mine.Count, dropped, orders, shipments);
    }

    private async Task<int> QueueShipmentsAsync(string storeHash, IReadOnlyList<AcceptedWebhook> callbacks, CancellationToken cancellationToken)
    {
        var shipments = callbacks.Where(c => c.IsShipment).ToList();
        foreach (var shipment in shipments)
        {
            using var trace = Telemetry.CallbackTrace.Continue(shipment.TraceParent, "webhook callback");
            // Its receipt is claimed here: the shipments worker acts on it without claiming again.
            await queue.SendAsync(QueueNames.BigCommerceShipments, new BigCommerceShipmentMessage(
                storeHash, shipment.OrderId!.Value, shipment.DataId, BigCommerceShipmentMessage.Webhook, shipment.WebhookId), cancellationToken);
        }

        return shipments.Count;
    }

    /// <returns>The orders queued.</returns>
    private async Task<int> QueueOrdersAsync(string storeHash, IReadOnlyList<AcceptedWebhook> callbacks, CancellationToken cancellationToken)
    {
        var byOrder = callbacks.Where(c => !c.IsShipment).GroupBy(c => c.DataId).ToList();
        if (byOrder.Count == 0)
        {
            return 0;
        }

        var versions = await reads.ReadAsync(storeHash, [.. byOrder.Select(g => g.Key)], cancellationToken);
        // The ledger of the orders read, a few per query: a version delivered or queued already is not queued again.
        var ledgerEntries = await ledger.FindManyAsync(storeHash, versions.Orders.Keys, cancellationToken);
        var queued = 0;
        await Parallel.ForEachAsync(byOrder, new ParallelOptions { MaxDegreeOfParallelism = QueueConcurrency, CancellationToken = cancellationToken },
            async (events, ct) =>
            {
                var orderId = events.Key;
                using var trace = Telemetry.CallbackTrace.Continue(events.First().TraceParent, "webhook callback");
                // Its receipts are claimed here: the orders worker delivers without claiming again (no callback copy).
                var webhookId = events.First().WebhookId;
                var eventAt = events.Max(e => e.EventAt);
                if (!versions.Orders.TryGetValue(orderId, out var order))
                {
                    await queue.SendAsync(QueueNames.Orders, new OrderMessage(storeHash, orderId, null, OrderSources.Webhook, webhookId, eventAt), ct);
                    Interlocked.Increment(ref queued);
                    return;
                }

                var modifiedAt = order.DateModified!.Value;
                if (ledgerEntries.GetValueOrDefault(orderId)?.IsInHand(modifiedAt, clock.GetUtcNow()) == true)
                {
                    logger.LogDebug("Order {OrderId} of store {StoreHash} version {ModifiedAt} is delivered or queued already", orderId, storeHash, Telemetry.LogTimes.Iso(modifiedAt));
                    return;
                }

                await queue.SendAsync(QueueNames.Orders,
                    new OrderMessage(storeHash, orderId, modifiedAt, OrderSources.Webhook, webhookId, eventAt).Carrying(order, versions.ReadAt), ct);
                // After the send, as the poll does: a crash in between only means this version may be queued again.
                await ledger.MarkQueuedAsync(storeHash, orderId, modifiedAt, clock.GetUtcNow(), ct);
                Interlocked.Increment(ref queued);
            });
        return queued;
    }
}
