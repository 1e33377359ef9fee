using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Orders;

/// <summary>The Orders table: partition = store hash, row = order id.</summary>
public sealed class OrderLedger(ConnectorStorage storage, AttentionIndex attention)
{
    private TableClient Table => storage.Table(TableNames.Orders);

    public async Task<OrderLedgerEntry?> FindAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<OrderLedgerEntry>(storeHash, RowKey(orderId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// The entries of these orders that exist, for work that decides many orders at once, as a batch of webhooks does:
    /// point reads, a few at once (<see cref="TablePointReads"/>), whatever the store's ledger holds.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, OrderLedgerEntry>> FindManyAsync(string storeHash, IEnumerable<long> orderIds, CancellationToken cancellationToken)
    {
        var rows = await TablePointReads.ReadAsync<OrderLedgerEntry>(Table, storeHash, orderIds.Select(RowKey), cancellationToken);
        return rows.Values.ToDictionary(entry => long.Parse(entry.RowKey, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// One page of the orders needing attention, by order id after <paramref name="afterOrderId"/>, from the
    /// <see cref="AttentionIndex"/> (never a scan of the ledger): each listed order's ledger row is read to show it, and
    /// an index row the ledger no longer bears out (a crash between the two writes) is dropped.
    /// </summary>
    /// <returns>The page, and the order id the next page starts after (null: this was the last).</returns>
    public async Task<(IReadOnlyList<OrderLedgerEntry> Page, long? Next)> ListNeedingAttentionPageAsync(
        string storeHash, long? afterOrderId, int max, CancellationToken cancellationToken)
    {
        var (ids, more) = await attention.ListAsync(storeHash, afterOrderId, max, cancellationToken);
        var entries = await Task.WhenAll(ids.Select(id => FindAsync(storeHash, id, cancellationToken)));
        var page = new List<OrderLedgerEntry>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (entries[i] is { } entry && AttentionIndex.NeedsAttention(entry))
            {
                page.Add(entry);
            }
            else
            {
                await attention.RemoveAsync(storeHash, ids[i], cancellationToken);
            }
        }

        return (page, more ? ids[^1] : null);
    }

    /// <summary>
    /// A merchant asked for a rejected or failing order to be sent again, once the back office is fixed: the refused
    /// version stops counting as done (<see cref="OrderLedgerEntry.RejectedModifiedAt"/> cleared), so the next message for
    /// the order reads it and delivers it. False when the order is not one needing attention (nothing changed).
    /// </summary>
    public async Task<bool> ReopenForRetryAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var reopened = false;
        (bool, string?) before = default;
        var updated = await OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            before = (AttentionIndex.NeedsAttention(current), current?.Status);
            reopened = current?.Status is OrderLedgerStatus.Rejected or OrderLedgerStatus.Failing
                || current?.RejectedModifiedAt is not null && current.RejectedModifiedAt > current.DeliveredModifiedAt;
            if (!reopened)
            {
                return null;
            }

            current!.RejectedModifiedAt = null;
            if (current.Status is OrderLedgerStatus.Rejected or OrderLedgerStatus.Failing)
            {
                current.Status = OrderLedgerStatus.Pending;
            }

            return current;
        }, cancellationToken);
        if (reopened)
        {
            await attention.SyncAsync(storeHash, orderId, before, updated, cancellationToken);
        }

        return reopened;
    }

    /// <summary>Applies a change to the order's row under its ETag (see <see cref="OptimisticUpdate"/>).</summary>
    public async Task<OrderLedgerEntry?> UpdateAsync(
        string storeHash, long orderId, Action<OrderLedgerEntry> change, CancellationToken cancellationToken)
    {
        (bool, string?) before = default;
        var updated = await OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            before = (AttentionIndex.NeedsAttention(current), current?.Status);
            var entry = current ?? new OrderLedgerEntry();
            change(entry);
            return entry;
        }, cancellationToken);
        await attention.SyncAsync(storeHash, orderId, before, updated, cancellationToken);
        return updated;
    }

    /// <summary>
    /// Before a version is sent: two workers holding the same version (a webhook and the poll, two events of one
    /// change) would both send it, and the back office would see a duplicate attempt. The first to claim it sends
    /// it; the other leaves it to the holder, whose message stays in the queue until it is delivered or poisoned.
    /// A claim ends with the holder's attempt (<see cref="OrderLedgerEntry.Release"/>) or, if its worker died, at <paramref name="until"/>.
    /// </summary>
    public async Task<ClaimResult> TryClaimAsync(
        string storeHash, long orderId, DateTimeOffset modifiedAt, string holder, DateTimeOffset fetchedAt, DateTimeOffset now, DateTimeOffset until,
        Known<OrderLedgerEntry> known, CancellationToken cancellationToken)
    {
        var result = ClaimResult.Claimed;
        await OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            if (current?.IsDelivered(modifiedAt) == true)
            {
                result = ClaimResult.AlreadyDelivered;
                return null;
            }

            if (current is { ClaimedBy: { } other, ClaimedUntil: { } end, ClaimedModifiedAt: { } claimed } && other != holder && end > now)
            {
                if (claimed >= modifiedAt)
                {
                    result = ClaimResult.HeldElsewhere;
                    return null;
                }

                if (current.ClaimSending)
                {
                    result = ClaimResult.OlderVersionSending;
                    return null;
                }

                // An older version claimed but not yet being sent: this newer one takes over; the older one's holder
                // finds it superseded before sending (TryStartSendingAsync).
            }

            result = ClaimResult.Claimed;
            var entry = current ?? new OrderLedgerEntry();
            entry.ClaimedModifiedAt = modifiedAt;
            entry.ClaimedBy = holder;
            entry.ClaimedUntil = until;
            entry.ClaimSending = false;
            entry.FetchedAt = fetchedAt;
            entry.FetchedModifiedAt = modifiedAt;
            return entry;
        }, cancellationToken, known);
        return result;
    }

    /// <summary>
    /// Right before the POST, under the row's ETag: the holder's claim on <paramref name="version"/> becomes "sending" unless
    /// the back office has it, or a newer version was sent, delivered or claimed meanwhile (then this one is recorded as
    /// superseded and never sent), or the claim went to another worker. From "sending" until the claim is released, a newer
    /// version waits (<see cref="ClaimResult.OlderVersionSending"/>): the back office never gets an older version after a newer one.
    /// </summary>
    public async Task<SendDecision> TryStartSendingAsync(
        string storeHash, long orderId, DateTimeOffset version, string holder, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var decision = SendDecision.Send;
        await OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            if (current is null)
            {
                decision = SendDecision.ClaimLost;
                return null;
            }

            var newerInHand = current.DeliveredModifiedAt > version || current.SentModifiedAt > version
                || (current.ClaimedBy != holder && current.ClaimedModifiedAt > version);
            if (newerInHand)
            {
                decision = SendDecision.Superseded;
                current.Release(holder);
                if (!(current.SupersededModifiedAt >= version))
                {
                    current.SupersededModifiedAt = version;
                }

                return current;
            }

            if (current.IsDelivered(version))
            {
                decision = SendDecision.AlreadyDelivered;
                return null;
            }

            if (current.ClaimedBy != holder)
            {
                decision = SendDecision.ClaimLost;
                return null;
            }

            decision = SendDecision.Send;
            current.ClaimSending = true;
            current.ClaimedUntil = until;
            current.SentModifiedAt = version;
            return current;
        }, cancellationToken);
        return decision;
    }

    /// <summary>
    /// A message for this order found its store inactive: unless its version is already settled, the order is recorded as
    /// waiting for the store (and its claim, if it holds one, let go), so the message may complete without losing it.
    /// </summary>
    /// <returns>True when the order now waits for the store; false when the message's version needs nothing more.</returns>
    public async Task<bool> ParkAsync(string storeHash, long orderId, DateTimeOffset? version, string holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parked = false;
        (bool, string?) before = default;
        var updated = await OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            parked = !(version is { } known && current?.IsSettled(known) == true);
            if (!parked)
            {
                return null;
            }

            before = (AttentionIndex.NeedsAttention(current), current?.Status);
            var entry = current ?? new OrderLedgerEntry();
            entry.ParkedAt = now;
            entry.Release(holder);
            if (entry.Status != OrderLedgerStatus.Delivered)
            {
                entry.Status = OrderLedgerStatus.WaitingForStore;
            }

            return entry;
        }, cancellationToken);
        if (parked)
        {
            await attention.SyncAsync(storeHash, orderId, before, updated, cancellationToken);
        }

        return parked;
    }

    /// <summary>
    /// The store's orders that may owe the back office a change (<see cref="OrderLedgerEntry.OwesBackOffice"/>). Reads the
    /// store's whole partition, a few columns only: it runs once per reactivation of a store, not per poll.
    /// </summary>
    public async IAsyncEnumerable<OrderLedgerEntry> ListOwingAsync(string storeHash, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string[] columns =
        [
            nameof(OrderLedgerEntry.PartitionKey), nameof(OrderLedgerEntry.RowKey),
            nameof(OrderLedgerEntry.Status), nameof(OrderLedgerEntry.DeliveredModifiedAt), nameof(OrderLedgerEntry.WrittenBackModifiedAt),
            nameof(OrderLedgerEntry.WriteBackPending), nameof(OrderLedgerEntry.RejectedModifiedAt), nameof(OrderLedgerEntry.QueuedModifiedAt),
            nameof(OrderLedgerEntry.FetchedModifiedAt), nameof(OrderLedgerEntry.ClaimedModifiedAt), nameof(OrderLedgerEntry.ParkedAt),
        ];
        await foreach (var entry in Table.QueryAsync<OrderLedgerEntry>(e => e.PartitionKey == storeHash, select: columns, cancellationToken: cancellationToken))
        {
            if (entry.OwesBackOffice())
            {
                yield return entry;
            }
        }
    }

    /// <summary>
    /// Once per store, for ledgers older than the <see cref="AttentionIndex"/>: copies the orders needing attention into it.
    /// A filter on the partition (the one scan of it, server-side), returning only those rows' keys and status.
    /// </summary>
    public async Task<int> IndexAttentionAsync(string storeHash, CancellationToken cancellationToken)
    {
        var copied = 0;
        await foreach (var entry in Table.QueryAsync<OrderLedgerEntry>(
            e => e.PartitionKey == storeHash
                && (e.Status == OrderLedgerStatus.Failing || e.Status == OrderLedgerStatus.Rejected || e.Status == OrderLedgerStatus.WaitingForStore
                    || e.RejectedModifiedAt != null),
            select:
            [
                nameof(OrderLedgerEntry.PartitionKey), nameof(OrderLedgerEntry.RowKey), nameof(OrderLedgerEntry.Status),
                nameof(OrderLedgerEntry.RejectedModifiedAt), nameof(OrderLedgerEntry.DeliveredModifiedAt),
            ],
            cancellationToken: cancellationToken))
        {
            if (AttentionIndex.NeedsAttention(entry)
                && long.TryParse(entry.RowKey, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var orderId))
            {
                await attention.SyncAsync(storeHash, orderId, (false, null), entry, cancellationToken);
                copied++;
            }
        }

        return copied;
    }

    /// <summary>Remembers that a poll queued this version (forward only).</summary>
    public Task MarkQueuedAsync(string storeHash, long orderId, DateTimeOffset modifiedAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            if (current?.QueuedModifiedAt >= modifiedAt && current.QueuedAt > now - OrderLedgerEntry.QueuedHorizon)
            {
                return null;
            }

            var entry = current ?? new OrderLedgerEntry();
            entry.QueuedModifiedAt = modifiedAt;
            entry.QueuedAt = now;
            return entry;
        }, cancellationToken);

    private static string RowKey(long orderId) => orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
