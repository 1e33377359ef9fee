using Connector.Activity;
using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Storage;
using Connector.Stores;
using Connector.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Orders;

/// <summary>What happens to one order: read it, decide, deliver, record, and write its status back if asked.</summary>
public sealed class OrderDelivery(
    BigCommerceOrdersClient bigCommerce,
    BackOfficeClient backOffice,
    OrderLedger ledger,
    StoreSettings settings,
    IOptions<BackOfficeOptions> backOfficeOptions,
    ActivityCounters activity,
    Telemetry.ConnectorMetrics metrics,
    TimeProvider clock,
    ILogger<OrderDelivery> logger)
{
    /// <summary>How long a claim on a version holds off other workers if its holder dies mid-delivery.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <param name="holder">The queue message's id: stable across its retries, so a retry takes its own claim back.</param>
    public async Task ProcessAsync(StoreConnection store, OrderMessage work, string holder, long attempt, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        var entry = await ledger.FindAsync(storeHash, work.OrderId, cancellationToken);
        var fetchedAt = clock.GetUtcNow();
        if (entry?.Covers(work, holder, fetchedAt) is { } covered)
        {
            logger.LogInformation("Order {OrderId} ({Source}) skipped: {Reason}", work.OrderId, work.Source, covered);
            return;
        }

        // The version the poll's page carried is delivered as read then: one list call brought up to 250 orders.
        var carried = work.CarriedVersion();
        fetchedAt = carried is null ? fetchedAt : work.CarriedReadAt ?? fetchedAt;
        var order = carried ?? await bigCommerce.GetOrderAsync(storeHash, work.OrderId, cancellationToken);
        if (order is null)
        {
            await ledger.UpdateAsync(storeHash, work.OrderId, e =>
            {
                e.Status = e.DeliveredModifiedAt is null ? OrderLedgerStatus.NotFound : e.Status;
                e.LastError = "BigCommerce has no such order (404).";
                e.LastAttemptAt = clock.GetUtcNow();
            }, cancellationToken);
            logger.LogWarning("Order {OrderId} of store {StoreHash} does not exist in BigCommerce; nothing to deliver", work.OrderId, storeHash);
            return;
        }

        var modifiedAt = order.DateModified!.Value;
        var orderSettings = await settings.GetOrderSettingsAsync(storeHash, cancellationToken);
        if (entry?.IsDelivered(modifiedAt) != true && entry?.CausedByConnector(modifiedAt, order.StatusId) == true && !orderSettings.SendOwnShipmentUpdates)
        {
            var held = HeldFactsOf(order);
            await ledger.UpdateAsync(storeHash, order.Id, e =>
            {
                if (e.OwnWriteModifiedAt is null || modifiedAt > e.OwnWriteModifiedAt)
                {
                    e.OwnWriteModifiedAt = modifiedAt;
                    e.HeldFacts = held?.ToJson();
                }
            }, cancellationToken);
            logger.LogInformation("Order {OrderId} version {ModifiedAt} is the connector's own shipment of it; not sent back to the back office", order.Id, modifiedAt.Iso());
            return;
        }

        if (entry?.IsDelivered(modifiedAt) != true)
        {
            var inBackOffice = entry?.DeliveredModifiedAt is not null;
            if (OrderFilter.ExclusionReason(order, orderSettings, store.ConnectedAt, inBackOffice) is { } reason)
            {
                logger.LogInformation("Order {OrderId} not delivered: {Reason}", order.Id, reason);
                return;
            }

            if (!await DeliverAsync(storeHash, order, work.CorrelationId, holder, fetchedAt, new Known<OrderLedgerEntry>(entry), attempt, orderSettings, cancellationToken))
            {
                return;
            }
        }

        await WriteBackStatusAsync(storeHash, order, orderSettings, cancellationToken);
    }

    /// <returns>False when the back office rejected the order for good, or the version is another worker's to deliver.</returns>
    private async Task<bool> DeliverAsync(
        string storeHash, V2Order order, string correlationId, string holder, DateTimeOffset fetchedAt, Known<OrderLedgerEntry> known, long attempt,
        OrderSettings orderSettings, CancellationToken cancellationToken)
    {
        var claimedAt = clock.GetUtcNow();
        var claim = await ledger.TryClaimAsync(storeHash, order.Id, order.DateModified!.Value, holder, fetchedAt, claimedAt, claimedAt + ClaimLease, known, cancellationToken);
        if (claim == ClaimResult.OlderVersionSending)
        {
            // Sent now, it could reach the back office before the older one in flight: the queue brings it back after.
            throw new OrderVersionWaitingException(
                $"Order {order.Id} version {order.DateModified:O} waits: an older version is being sent to the back office right now.");
        }

        if (claim != ClaimResult.Claimed)
        {
            logger.LogInformation("Order {OrderId} version {ModifiedAt}: {Claim}; not sent again", order.Id, order.DateModified.Iso(), claim);
            return false;
        }

        var lines = CanonicalOrderMapper.EmbeddedLines(order);
        if (CanonicalOrderMapper.NeedsFullLineItems(order, lines))
        {
            lines = await bigCommerce.ListOrderProductsAsync(storeHash, order.Id, cancellationToken);
        }

        var canonical = CanonicalOrderMapper.Map(storeHash, order, lines);
        var heldFacts = HeldOrderFacts.From(order, lines)?.ToJson();
        var key = BackOfficeProtocol.IdempotencyKey(storeHash, order.Id, canonical.ModifiedAt);
        var sendAt = clock.GetUtcNow();
        // Held at least as long as the POST can take: a newer version must not take the claim over while it may still arrive.
        var sendingUntil = sendAt + ClaimLease + backOfficeOptions.Value.LongestPost;
        switch (await ledger.TryStartSendingAsync(storeHash, order.Id, order.DateModified!.Value, holder, sendingUntil, cancellationToken))
        {
            case SendDecision.Superseded:
                logger.LogInformation("Order {OrderId} version {ModifiedAt} superseded: a newer version was sent or claimed meanwhile; not sent", order.Id, order.DateModified.Iso());
                return false;
            case SendDecision.AlreadyDelivered:
                logger.LogInformation("Order {OrderId} version {ModifiedAt}: already delivered; not sent again", order.Id, order.DateModified.Iso());
                return false;
            case SendDecision.ClaimLost:
                throw new OrderVersionWaitingException($"Order {order.Id} version {order.DateModified:O}: its claim expired and another worker holds the order; retried.");
        }

        var outcome = await backOffice.DeliverOrderAsync(canonical, correlationId, cancellationToken);
        var now = clock.GetUtcNow();
        switch (outcome)
        {
            case DeliveryOutcome.Delivered delivered:
                var writeBack = WriteBackApplies(order, orderSettings);
                await ledger.UpdateAsync(storeHash, order.Id, e =>
                {
                    if (e.DeliveredModifiedAt is null || canonical.ModifiedAt > e.DeliveredModifiedAt)
                    {
                        e.DeliveredModifiedAt = canonical.ModifiedAt;
                        e.IdempotencyKey = key;
                        e.DeliveredAt = now;
                        e.WriteBackPending = writeBack;
                        e.HeldFacts = heldFacts;
                    }

                    e.Status = OrderLedgerStatus.Delivered;
                    if (e.ParkedAt <= fetchedAt)
                    {
                        e.ParkedAt = null; // this read saw whatever changed before the order began waiting for its store
                    }

                    e.Release(holder);
                    e.LastError = null;
                    e.Attempts++;
                    e.LastAttemptAt = now;
                }, cancellationToken);
                activity.Count(storeHash, ActivityKind.OrderDelivered);
                metrics.OrderDelivered(storeHash, canonical.ModifiedAt, now);
                logger.LogInformation("Order {OrderId} version {ModifiedAt} delivered to the back office ({Status}, key {IdempotencyKey}, attempt {Attempt})",
                    order.Id, canonical.ModifiedAt.Iso(), (int)delivered.Status, key, attempt);
                return true;

            case DeliveryOutcome.Rejected rejected:
                var reason = $"The back office rejected version {canonical.ModifiedAt:O} ({(int)rejected.Status}): {rejected.Reason}";
                await ledger.UpdateAsync(storeHash, order.Id, e =>
                {
                    e.Status = e.DeliveredModifiedAt is null ? OrderLedgerStatus.Rejected : e.Status;
                    e.RejectedModifiedAt = canonical.ModifiedAt;
                    e.Release(holder);
                    e.LastError = reason;
                    e.Attempts++;
                    e.LastAttemptAt = now;
                }, cancellationToken);
                activity.Count(storeHash, ActivityKind.OrderRejected);
                metrics.OrderRejected(storeHash);
                // Not the reason itself: the back office's text may quote the customer. It is on the ledger row.
                logger.LogWarning("Order {OrderId} version {ModifiedAt} rejected by the back office ({Status}); its reason is on the order's ledger row",
                    order.Id, canonical.ModifiedAt.Iso(), (int)rejected.Status);
                return false;

            default:
                throw new InvalidOperationException($"Unknown delivery outcome {outcome}.");
        }
    }

    /// <summary>The facts of a version read but not delivered (the connector's own shipment): its embedded lines, or read when it has more.</summary>
    private static HeldOrderFacts? HeldFactsOf(V2Order order)
    {
        var lines = CanonicalOrderMapper.EmbeddedLines(order);
        return CanonicalOrderMapper.NeedsFullLineItems(order, lines) ? null : HeldOrderFacts.From(order, lines);
    }

    private static bool WriteBackApplies(V2Order order, OrderSettings settings) =>
        settings.WriteBackStatusId is { } target && target != order.StatusId
        && settings.WriteBackFromStatusIds.Contains(order.StatusId ?? -1);

    private async Task WriteBackStatusAsync(string storeHash, V2Order order, OrderSettings orderSettings, CancellationToken cancellationToken)
    {
        var entry = await ledger.FindAsync(storeHash, order.Id, cancellationToken);
        if (entry?.WriteBackPending != true)
        {
            return;
        }

        if (WriteBackApplies(order, orderSettings))
        {
            var updated = await bigCommerce.UpdateOrderStatusAsync(storeHash, order.Id, orderSettings.WriteBackStatusId!.Value, cancellationToken);
            await ledger.UpdateAsync(storeHash, order.Id, e =>
            {
                e.WrittenBackModifiedAt = updated.DateModified;
                e.WriteBackPending = false;
            }, cancellationToken);
            logger.LogInformation("Order {OrderId} moved to status {StatusId} in BigCommerce after delivery", order.Id, orderSettings.WriteBackStatusId);
        }
        else
        {
            // The order moved on (or the setting changed) before we got to it: leave its status alone.
            await ledger.UpdateAsync(storeHash, order.Id, e => e.WriteBackPending = false, cancellationToken);
        }
    }
}
