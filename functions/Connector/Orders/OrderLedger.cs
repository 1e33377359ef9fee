using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Orders;

/// <summary>What the connector knows of one order: which version the back office has, and what went wrong last.</summary>
public sealed class OrderLedgerEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = OrderLedgerStatus.Pending;
    /// <summary>The newest <c>date_modified</c> the back office has accepted.</summary>
    public DateTimeOffset? DeliveredModifiedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? IdempotencyKey { get; set; }
    /// <summary>The version our own status write-back produced: the back office caused it, so it is not sent back.</summary>
    public DateTimeOffset? WrittenBackModifiedAt { get; set; }
    public bool WriteBackPending { get; set; }
    /// <summary>A version the back office refused for good; a newer version is tried again.</summary>
    public DateTimeOffset? RejectedModifiedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>True when the back office has this version, caused it, or refused it for good.</summary>
    public bool IsDelivered(DateTimeOffset modifiedAt) =>
        modifiedAt <= DeliveredModifiedAt || modifiedAt == WrittenBackModifiedAt || modifiedAt == RejectedModifiedAt;

    /// <summary>True when nothing more needs doing for this version of the order.</summary>
    public bool IsSettled(DateTimeOffset modifiedAt) => IsDelivered(modifiedAt) && !WriteBackPending;
}

public static class OrderLedgerStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Rejected = "rejected";
    public const string Failing = "failing";
    public const string NotFound = "not-found";
}

/// <summary>The Orders table: partition = store hash, row = order id.</summary>
public sealed class OrderLedger(ConnectorStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Orders);

    public async Task<OrderLedgerEntry?> FindAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<OrderLedgerEntry>(storeHash, RowKey(orderId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Orders that failed or were refused, for the merchant to see; at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<OrderLedgerEntry>> ListNeedingAttentionAsync(string storeHash, int max, CancellationToken cancellationToken)
    {
        var found = new List<OrderLedgerEntry>();
        await foreach (var entry in Table.QueryAsync<OrderLedgerEntry>(
            e => e.PartitionKey == storeHash && (e.Status == OrderLedgerStatus.Failing || e.Status == OrderLedgerStatus.Rejected),
            cancellationToken: cancellationToken))
        {
            found.Add(entry);
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>Applies a change to the order's row under its ETag (see <see cref="OptimisticUpdate"/>).</summary>
    public Task<OrderLedgerEntry?> UpdateAsync(
        string storeHash, long orderId, Action<OrderLedgerEntry> change, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<OrderLedgerEntry>(Table, storeHash, RowKey(orderId), current =>
        {
            var entry = current ?? new OrderLedgerEntry();
            change(entry);
            return entry;
        }, cancellationToken);

    private static string RowKey(long orderId) => orderId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
