using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Storage;
using Connector.Stores;
using Connector.Telemetry;
using Connector.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Orders;

/// <summary>
/// One store's order poll: reads every order modified since the watermark (less an overlap), oldest change
/// first, and enqueues one message per order that should go to the back office. The watermark moves only
/// after everything up to it is enqueued, so a crash at any point loses nothing; it only repeats work
/// that the ledger then skips.
/// </summary>
public sealed class OrderSyncJob(
    BigCommerceOrdersClient bigCommerce,
    SyncCursors cursors,
    StoreSettings settings,
    OrderLedger ledger,
    WorkQueue queue,
    WebhookSubscriptions webhooks,
    Installations.InstallationRegistry installations,
    WebhookReceipts receipts,
    UndeliveredOrderRecovery recovery,
    CustomerDataRetention retention,
    IOptions<OrderPollOptions> options,
    IOptions<BigCommerceOptions> bigCommerceOptions,
    TimeProvider clock,
    ILogger<OrderSyncJob> logger)
{
    public sealed record Result(int Pages, int Seen, int Enqueued, int Filtered, int AlreadyDelivered, DateTimeOffset? Watermark);

    public async Task<Result> RunAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        var orderSettings = await settings.GetOrderSettingsAsync(storeHash, cancellationToken);
        if (!orderSettings.Enabled)
        {
            logger.LogInformation("Order flow is off for store {StoreHash}", storeHash);
            return new Result(0, 0, 0, 0, 0, null);
        }

        await ReconcileWebhooksAsync(storeHash, cancellationToken);
        await ForgetOldReceiptsAsync(storeHash, cancellationToken);
        await retention.SweepAsync(storeHash, orderSettings.DataRetentionDays, cancellationToken);
        // Before the read: the orders that waited for the store are behind the watermark, this poll would not see them.
        await recovery.RunOnceAsync(store, correlationId, cancellationToken);

        if (orderSettings.ResyncFrom is { } resyncFrom)
        {
            await cursors.RewindAsync(storeHash, SyncCursors.OrdersFlow, resyncFrom, cancellationToken);
            await settings.ClearResyncAsync(storeHash, resyncFrom, cancellationToken);
            logger.LogInformation("Order resync for store {StoreHash} from {ResyncFrom}", storeHash, resyncFrom);
        }

        var cursor = await cursors.FindAsync(storeHash, SyncCursors.OrdersFlow, cancellationToken);
        if (cursor?.AttentionIndexedAt is null)
        {
            // A ledger from before the index: its orders needing attention are copied there once, for the app's page.
            var copied = await ledger.IndexAttentionAsync(storeHash, cancellationToken);
            await cursors.RecordAttentionIndexedAsync(storeHash, SyncCursors.OrdersFlow, clock.GetUtcNow(), cancellationToken);
            logger.LogInformation("Store {StoreHash}: {Copied} order(s) needing attention indexed for the app's page", storeHash, copied);
        }

        var previousWatermark = cursor?.Watermark;
        var request = OrderPaging.Start(previousWatermark, options.Value.PollOverlap, orderSettings.ExcludeCreatedBefore ?? store.ConnectedAt);
        var since = request.MinModified;

        // By order and version: an order read once and changed during the run must be enqueued again.
        var seen = new HashSet<(long Id, DateTimeOffset ModifiedAt)>();
        int pages = 0, enqueued = 0, filtered = 0, skipped = 0;
        var watermark = previousWatermark;
        while (pages < options.Value.MaxPagesPerRun)
        {
            var readAt = clock.GetUtcNow();
            var orders = await bigCommerce.ListOrdersAsync(storeHash, request, cancellationToken);
            pages++;
            if (orders.Count == 0)
            {
                break;
            }

            var fresh = orders.Where(o => seen.Add((o.Id, o.DateModified!.Value))).ToList();
            var outcome = await EnqueuePageAsync(store, fresh, readAt, orderSettings, previousWatermark, correlationId, cancellationToken);
            enqueued += outcome.Enqueued;
            filtered += outcome.Filtered;
            skipped += outcome.AlreadyDelivered;

            // Everything up to this page's newest change is enqueued: only now may the watermark move there.
            var newest = OrderPaging.Newest(orders);
            if (watermark is null || newest > watermark)
            {
                await cursors.AdvanceAsync(storeHash, SyncCursors.OrdersFlow, newest, cancellationToken);
                watermark = newest;
            }

            if (OrderPaging.Next(request, orders, bigCommerceOptions.Value.OrdersPageSize) is not { } next)
            {
                break;
            }

            request = next;
        }

        var result = new Result(pages, seen.Count, enqueued, filtered, skipped, watermark);
        await cursors.RecordRunAsync(storeHash, SyncCursors.OrdersFlow, clock.GetUtcNow(),
            $"read {result.Seen} orders in {result.Pages} pages; enqueued {result.Enqueued}, filtered {result.Filtered}, already delivered or queued {result.AlreadyDelivered}",
            cancellationToken);
        logger.LogInformation(
            "Order poll of store {StoreHash} read {Seen} orders in {Pages} pages since {Since}: enqueued {Enqueued}, filtered {Filtered}, already delivered or queued {AlreadyDelivered}; watermark {Watermark} (correlation {CorrelationId})",
            storeHash, result.Seen, result.Pages, since, result.Enqueued, result.Filtered, result.AlreadyDelivered, result.Watermark, correlationId);
        return result;
    }

    /// <summary>
    /// Each poll makes sure the store's webhook subscriptions are there and active (two reads when nothing changed): a
    /// subscription BigCommerce deactivated is reactivated here, and this very poll reads the orders of the gap. Any
    /// failure but a refused token is only logged: webhooks speed orders up, the poll does not depend on them.
    /// </summary>
    private async Task ReconcileWebhooksAsync(string storeHash, CancellationToken cancellationToken)
    {
        string state;
        try
        {
            state = (await webhooks.EnsureAsync(storeHash, cancellationToken)).Describe();
        }
        catch (BigCommerceApiException ex) when (ex.Status != System.Net.HttpStatusCode.Unauthorized)
        {
            logger.LogWarning(ex, "Webhooks of store {StoreHash} not reconciled; orders are polled as usual", storeHash);
            state = $"could not be checked ({ex.Message}); orders are polled as usual";
        }

        await installations.RecordWebhooksStateAsync(storeHash, state, cancellationToken);
    }

    /// <summary>The store's poll is its housekeeping too: webhook receipts past BigCommerce's retry window go. Best effort.</summary>
    private async Task ForgetOldReceiptsAsync(string storeHash, CancellationToken cancellationToken)
    {
        try
        {
            var forgotten = await receipts.ForgetOlderThanAsync(storeHash, clock.GetUtcNow() - WebhookReceipts.Keep, cancellationToken);
            if (forgotten > 0)
            {
                logger.LogInformation("Forgot {Count} webhook receipts of store {StoreHash} older than {Days} days", forgotten, storeHash, WebhookReceipts.Keep.TotalDays);
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Old webhook receipts of store {StoreHash} not cleaned up", storeHash);
        }
    }

    private sealed record PageOutcome(int Enqueued, int Filtered, int AlreadyDelivered);

    private async Task<PageOutcome> EnqueuePageAsync(
        StoreConnection store, IReadOnlyList<V2Order> orders, DateTimeOffset readAt, OrderSettings orderSettings, DateTimeOffset? previousWatermark,
        string correlationId, CancellationToken cancellationToken)
    {
        int enqueued = 0, filtered = 0, alreadyDelivered = 0;
        await Parallel.ForEachAsync(orders, new ParallelOptions { MaxDegreeOfParallelism = options.Value.EnqueueConcurrency, CancellationToken = cancellationToken },
            async (order, ct) =>
            {
                var modifiedAt = order.DateModified!.Value;
                // Only orders in the overlap can already be in the back office often enough to be worth a ledger read.
                var entry = previousWatermark is { } mark && modifiedAt <= mark
                    ? await ledger.FindAsync(store.StoreHash, order.Id, ct)
                    : null;
                if (entry?.IsInHand(modifiedAt, clock.GetUtcNow()) == true)
                {
                    Interlocked.Increment(ref alreadyDelivered);
                    return;
                }

                var inBackOffice = entry?.DeliveredModifiedAt is not null;
                if (OrderFilter.ExclusionReason(order, orderSettings, store.ConnectedAt, inBackOffice) is { } reason)
                {
                    Interlocked.Increment(ref filtered);
                    logger.LogDebug("Order {OrderId} of store {StoreHash} not pulled: {Reason}", order.Id, store.StoreHash, reason);
                    return;
                }

                await queue.SendAsync(QueueNames.Orders,
                    new OrderMessage(store.StoreHash, order.Id, modifiedAt, OrderSources.Poll, correlationId).Carrying(order, readAt), ct);
                // After the send: a crash in between only means the next poll queues it again.
                await ledger.MarkQueuedAsync(store.StoreHash, order.Id, modifiedAt, clock.GetUtcNow(), ct);
                Interlocked.Increment(ref enqueued);
                logger.LogInformation("Order {OrderId} of store {StoreHash} version {ModifiedAt} enqueued by poll (correlation {CorrelationId})",
                    order.Id, store.StoreHash, modifiedAt.Iso(), correlationId);
            });
        return new PageOutcome(enqueued, filtered, alreadyDelivered);
    }
}
