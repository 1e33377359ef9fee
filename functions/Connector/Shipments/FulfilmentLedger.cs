using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Shipments;

/// <summary>One back-office shipment or cancellation: what became of it in BigCommerce.</summary>
public sealed class FulfilmentEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary><c>shipment</c> or <c>cancellation</c>.</summary>
    public string Kind { get; set; } = "";
    public string BackOfficeId { get; set; } = "";
    public long OrderId { get; set; }
    /// <summary>See <see cref="FulfilmentState"/>; null before the first attempt.</summary>
    public string? State { get; set; }
    public string? TrackingNumber { get; set; }
    /// <summary>The order products and quantities posted, as JSON: what a later attempt matches the order's shipments against.</summary>
    public string? PostedLines { get; set; }
    /// <summary>When the write to BigCommerce began; a shipment BigCommerce made before then is not this one.</summary>
    public DateTimeOffset? WriteStartedAt { get; set; }
    public long? BigCommerceShipmentId { get; set; }
    /// <summary>A pulled BigCommerce shipment (<c>bigcommerce:</c> rows): its units, what the poll weighs against the order's <c>items_shipped</c>.</summary>
    public int? Quantity { get; set; }
    /// <summary>Why it was refused, or what failed last; BigCommerce's and the connector's words only, never the back office's record.</summary>
    public string? LastError { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? FirstSeenAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>
/// One order's shipping as far as the connector acts on it: the lock that lets one shipment or cancellation of the order
/// be written at a time (two parcels of one order race for the same units; a cancellation must not cross a shipment),
/// and what the connector started on it.
/// </summary>
public sealed class OrderShippingEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? LockedBy { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>Shipments whose write to BigCommerce began: a cancellation after one is refused.</summary>
    public int ShipmentsStarted { get; set; }
    /// <summary>The cancellation whose write began, if any.</summary>
    public string? CancellationId { get; set; }

    /// <summary>
    /// The back-office ids of the shipments whose write began, as a JSON array: what tells the connector's own BigCommerce
    /// shipments of the order apart (<see cref="FulfilmentLedger.ListOrderShipmentsAsync"/>) by point reads.
    /// </summary>
    public string? StartedShipmentIds { get; set; }

    /// <summary>
    /// True when <see cref="StartedShipmentIds"/> names every shipment started on the order: its first start was recorded
    /// with it. False on an order whose shipments began before the list was kept; those are searched for.
    /// </summary>
    public bool StartedShipmentIdsComplete { get; set; }
}

/// <summary>The Shipments table: partition = store hash; rows <c>shipment:{id}</c>, <c>cancellation:{id}</c> and <c>order:{id}</c>.</summary>
public sealed class FulfilmentLedger(ConnectorStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Shipments);

    public static string EntryKey(string kind, string backOfficeId) => $"{kind}:{TableKeys.Escape(backOfficeId)}";

    private static string OrderKey(long orderId) => "order:" + orderId.ToString(CultureInfo.InvariantCulture);

    public async Task<FulfilmentEntry?> FindAsync(string storeHash, string kind, string backOfficeId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<FulfilmentEntry>(storeHash, EntryKey(kind, backOfficeId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Refuses a record for good, with why (the merchant's page shows it); a shipment's and a cancellation's alike.</summary>
    public Task<FulfilmentEntry?> RefuseAsync(FulfilmentRecord record, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        MoveAsync(record.StoreHash, record, FulfilmentState.Refused, e =>
        {
            e.LastError = reason;
            e.Attempts++;
        }, now, cancellationToken);

    /// <summary>Moves a record to <paramref name="state"/> when <see cref="FulfilmentState.CanMove"/> allows; returns the row as it is after.</summary>
    public async Task<FulfilmentEntry?> MoveAsync(
        string storeHash, FulfilmentRecord record, string state, Action<FulfilmentEntry> change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? before = null;
        var moved = false;
        var entry = await OptimisticUpdate.ApplyAsync<FulfilmentEntry>(Table, storeHash, EntryKey(record.Kind, record.Id), current =>
        {
            before = current?.State;
            moved = FulfilmentState.CanMove(current?.State, state);
            if (!moved)
            {
                return null;
            }

            var entry = current ?? new FulfilmentEntry { Kind = record.Kind, BackOfficeId = record.Id, OrderId = record.OrderId, FirstSeenAt = now };
            entry.State = state;
            entry.UpdatedAt = now;
            change(entry);
            return entry;
        }, cancellationToken);
        if (moved)
        {
            await IndexAsync(storeHash, entry!, before, cancellationToken);
        }

        return entry;
    }

    /// <summary>A transient failure: recorded on the row, which stays <c>writing</c> if a write began (its outcome is still unknown), else <c>failing</c>.</summary>
    public async Task<FulfilmentEntry?> RecordFailureAsync(string storeHash, FulfilmentRecord record, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = await OptimisticUpdate.ApplyAsync<FulfilmentEntry>(Table, storeHash, EntryKey(record.Kind, record.Id), current =>
        {
            if (FulfilmentState.IsFinal(current?.State))
            {
                return null;
            }

            var entry = current ?? new FulfilmentEntry { Kind = record.Kind, BackOfficeId = record.Id, OrderId = record.OrderId, FirstSeenAt = now };
            entry.State = entry.State == FulfilmentState.Writing ? FulfilmentState.Writing : FulfilmentState.Failing;
            entry.LastError = error;
            entry.Attempts++;
            entry.UpdatedAt = now;
            return entry;
        }, cancellationToken);
        if (entry is not null && !FulfilmentState.IsFinal(entry.State))
        {
            await IndexAsync(storeHash, entry, null, cancellationToken);
        }

        return entry;
    }

    private const string AttentionPrefix = "attention:";

    /// <summary>
    /// Keeps the store's attention rows (<c>attention:{kind}:{id}</c>, next to the records) in step: a record refused or
    /// failing has one, a record done has none. The app's page lists them by key range, never filtering every record.
    /// </summary>
    private async Task IndexAsync(string storeHash, FulfilmentEntry entry, string? before, CancellationToken cancellationToken)
    {
        var key = AttentionPrefix + entry.RowKey;
        if (entry.State is FulfilmentState.Refused or FulfilmentState.Failing || (entry.State == FulfilmentState.Writing && entry.LastError is not null))
        {
            await Table.UpsertEntityAsync(new FulfilmentEntry
            {
                PartitionKey = storeHash, RowKey = key, Kind = entry.Kind, BackOfficeId = entry.BackOfficeId, OrderId = entry.OrderId,
                State = entry.State, LastError = entry.LastError, Attempts = entry.Attempts, UpdatedAt = entry.UpdatedAt,
            }, TableUpdateMode.Replace, cancellationToken);
        }
        else if (entry.State == FulfilmentState.Done && before is FulfilmentState.Failing or FulfilmentState.Writing)
        {
            // Only a record that may have been listed: a first-time success costs no delete.
            try
            {
                await Table.DeleteEntityAsync(storeHash, key, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Never listed (it went from writing to done without a failure in between).
            }
        }
    }

    /// <summary>
    /// Takes the order's lock for <paramref name="holder"/> (a message id: its retries take it back) until <paramref name="until"/>.
    /// </summary>
    /// <returns>The order's row under the lock, or null when another holder has it.</returns>
    public async Task<OrderShippingEntry?> TryLockOrderAsync(
        string storeHash, long orderId, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var taken = false;
        var row = await OptimisticUpdate.ApplyAsync<OrderShippingEntry>(Table, storeHash, OrderKey(orderId), current =>
        {
            taken = current?.LockedBy is not { } other || other == holder || current.LockedUntil <= now;
            if (!taken)
            {
                return null;
            }

            var entry = current ?? new OrderShippingEntry();
            entry.LockedBy = holder;
            entry.LockedUntil = until;
            return entry;
        }, cancellationToken);
        return taken ? row : null;
    }

    public Task UpdateOrderAsync(string storeHash, long orderId, Action<OrderShippingEntry> change, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<OrderShippingEntry>(Table, storeHash, OrderKey(orderId), current =>
        {
            var entry = current ?? new OrderShippingEntry();
            change(entry);
            return entry;
        }, cancellationToken);

    public Task UnlockOrderAsync(string storeHash, long orderId, string holder, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<OrderShippingEntry>(Table, storeHash, OrderKey(orderId), current =>
        {
            if (current?.LockedBy != holder)
            {
                return null;
            }

            current.LockedBy = null;
            current.LockedUntil = null;
            return current;
        }, cancellationToken);

    /// <summary>
    /// Before a shipment's write to BigCommerce begins: counts it on the order (a cancellation after it is refused) and
    /// names it in the order's <see cref="OrderShippingEntry.StartedShipmentIds"/>, so its BigCommerce shipment is known as
    /// the connector's own from the moment it can exist.
    /// </summary>
    public Task RecordShipmentStartedAsync(string storeHash, long orderId, string backOfficeId, CancellationToken cancellationToken) =>
        UpdateOrderAsync(storeHash, orderId, order =>
        {
            if (order.ShipmentsStarted == 0)
            {
                order.StartedShipmentIdsComplete = true;
            }

            order.ShipmentsStarted++;
            var ids = StartedShipmentIds(order);
            if (ids.Contains(backOfficeId))
            {
                return;
            }

            var listed = JsonSerializer.Serialize(ids.Append(backOfficeId));
            if (listed.Length > MaxListedLength)
            {
                // An order with this many parcels is searched instead, never refused for it.
                order.StartedShipmentIdsComplete = false;
                return;
            }

            order.StartedShipmentIds = listed;
        }, cancellationToken);

    /// <summary>
    /// The back office's shipments of one order whose write began (rows <c>shipment:</c>): what tells the connector's own
    /// BigCommerce shipments apart. Read by key from the order's list, never by filtering the store's shipments (Azure Tables
    /// would scan the partition, every shipment the store ever had, for each BigCommerce shipment).
    /// </summary>
    public async Task<IReadOnlyList<FulfilmentEntry>> ListOrderShipmentsAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var order = await Table.GetEntityIfExistsAsync<OrderShippingEntry>(storeHash, OrderKey(orderId), cancellationToken: cancellationToken);
        if (!order.HasValue || order.Value!.ShipmentsStarted == 0)
        {
            return [];
        }

        if (order.Value.StartedShipmentIdsComplete)
        {
            var keys = StartedShipmentIds(order.Value).Select(id => EntryKey("shipment", id));
            return [.. (await TablePointReads.ReadAsync<FulfilmentEntry>(Table, storeHash, keys, cancellationToken)).Values];
        }

        // Shipments of this order began before the order kept their ids (or more than its row names): found by their order.
        var filter = TableClient.CreateQueryFilter<FulfilmentEntry>(e => e.PartitionKey == storeHash && e.Kind == "shipment" && e.OrderId == orderId);
        var found = new List<FulfilmentEntry>();
        await foreach (var entry in Table.QueryAsync<FulfilmentEntry>(filter, cancellationToken: cancellationToken))
        {
            found.Add(entry);
        }

        return found;
    }

    /// <summary>The longest list an order's row keeps: a string column holds 32K characters (64 KB of UTF-16).</summary>
    public const int MaxListedLength = 30_000;

    private static List<string> StartedShipmentIds(OrderShippingEntry order) =>
        order.StartedShipmentIds is { } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : [];

    /// <summary>A store's refused and failing records (its attention rows, a key range), at most <paramref name="max"/>, and whether there are more.</summary>
    public async Task<(IReadOnlyList<FulfilmentEntry> Entries, bool More)> ListNeedingAttentionAsync(string storeHash, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {storeHash} and RowKey ge {AttentionPrefix} and RowKey lt {"attention;"}");
        var found = new List<FulfilmentEntry>();
        await foreach (var entry in Table.QueryAsync<FulfilmentEntry>(filter, maxPerPage: max + 1, cancellationToken: cancellationToken))
        {
            found.Add(entry);
            if (found.Count > max)
            {
                break;
            }
        }

        return (found.Take(max).ToList(), found.Count > max);
    }
}
