using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Orders;

public sealed class AttentionRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = "";
}

/// <summary>
/// The OrdersNeedingAttention table (partition = store hash, row = order id zero-padded to 19 digits, so rows sort as
/// numbers): one row per order whose ledger row is refused, failing or waiting for its store. The app's page lists what
/// needs attention from here, a page at a time, instead of filtering the store's whole ledger (a filter on a non-key
/// column is a scan of the partition, however few rows match). The ledger stays the truth: <see cref="OrderLedger"/>
/// keeps this in step after each write, and a reader checks each row against the ledger and drops the stale ones.
/// </summary>
public sealed class AttentionIndex(ConnectorStorage storage)
{
    private TableClient Table => storage.Table(TableNames.OrdersNeedingAttention);

    public static bool NeedsAttention(string? status) =>
        status is OrderLedgerStatus.Rejected or OrderLedgerStatus.Failing or OrderLedgerStatus.WaitingForStore;

    /// <summary>
    /// Refused, failing or waiting; or delivered once, but a newer version was refused (the status stays "delivered", as
    /// the back office has the order, yet it lacks that change).
    /// </summary>
    public static bool NeedsAttention(OrderLedgerEntry? entry) =>
        entry is not null && (NeedsAttention(entry.Status) || entry.RejectedModifiedAt > entry.DeliveredModifiedAt);

    public static string RowKey(long orderId) => orderId.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>After a ledger write: whether the order needed attention before it, and its row after it.</summary>
    public Task SyncAsync(string storeHash, long orderId, (bool Needed, string? Status) before, OrderLedgerEntry? after, CancellationToken cancellationToken)
    {
        var needs = NeedsAttention(after);
        return needs && before.Needed && before.Status == after!.Status
            ? Task.CompletedTask
            : AttentionListing.KeepInStepAsync(Table, new AttentionRow { PartitionKey = storeHash, RowKey = RowKey(orderId), Status = after?.Status ?? "" },
                before.Needed, needs, cancellationToken);
    }

    public async Task RemoveAsync(string storeHash, long orderId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(storeHash, RowKey(orderId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: nothing to keep in step.
        }
    }

    /// <summary>Up to <paramref name="max"/> order ids after <paramref name="afterOrderId"/>, in order, and whether more follow.</summary>
    public async Task<(IReadOnlyList<long> OrderIds, bool More)> ListAsync(string storeHash, long? afterOrderId, int max, CancellationToken cancellationToken)
    {
        var after = afterOrderId is { } id ? RowKey(id) : "";
        var ids = new List<long>();
        await foreach (var row in Table.QueryAsync<AttentionRow>(r => r.PartitionKey == storeHash && r.RowKey.CompareTo(after) > 0,
            maxPerPage: max + 1, select: [nameof(AttentionRow.RowKey)], cancellationToken: cancellationToken))
        {
            if (ids.Count == max)
            {
                return (ids, true);
            }

            ids.Add(long.Parse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture));
        }

        return (ids, false);
    }

    /// <summary>How many orders need attention, counting the index's rows up to <paramref name="cap"/> (the page says "cap or more").</summary>
    public async Task<int> CountAsync(string storeHash, int cap, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Table.QueryAsync<AttentionRow>(r => r.PartitionKey == storeHash, maxPerPage: 1000,
            select: [nameof(AttentionRow.RowKey)], cancellationToken: cancellationToken))
        {
            if (++count >= cap)
            {
                break;
            }
        }

        return count;
    }
}
