using System.Collections.Concurrent;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>
/// Keeps no text that may quote a customer beyond the store's <see cref="OrderSettings.DataRetentionDays"/>. The connector
/// keeps no order contents at rest (messages carry ids and versions; the canonical order only travels to the back
/// office); what can quote a customer is the back office's own text about an order it refused or failed on, kept as the
/// order's <c>LastError</c> for the merchant. That text is removed once its attempt is older than the retention. Run by
/// the store's poll as housekeeping, at most every <see cref="SweepInterval"/> per store and process (one query over the
/// store's ledger partition, returning only rows past the retention).
/// </summary>
public sealed class CustomerDataRetention(ConnectorStorage storage, TimeProvider clock, ILogger<CustomerDataRetention> logger)
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(6);

    public const string Removed = "(the back office's text was removed after the store's data retention period)";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSwept = new(StringComparer.Ordinal);

    /// <summary>Clears the old texts; returns how many rows it cleared. Best effort: storage faults are logged, not thrown.</summary>
    public async Task<int> SweepAsync(string storeHash, int retentionDays, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        retentionDays = Math.Clamp(retentionDays, 0, 3650);
        // A retention of 0 asks for nothing to be kept: every poll sweeps.
        if (retentionDays > 0 && _lastSwept.TryGetValue(storeHash, out var last) && now - last < SweepInterval)
        {
            return 0;
        }

        try
        {
            var cleared = await ClearOlderThanAsync(storeHash, now - TimeSpan.FromDays(retentionDays), cancellationToken);
            _lastSwept[storeHash] = now;
            if (cleared > 0)
            {
                logger.LogInformation("Removed the back office's text from {Count} order(s) of store {StoreHash}, older than {Days} days",
                    cleared, storeHash, retentionDays);
            }

            return cleared;
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Data retention sweep of store {StoreHash} not done; the next poll tries again", storeHash);
            return 0;
        }
    }

    private async Task<int> ClearOlderThanAsync(string storeHash, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.Orders);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {storeHash} and LastAttemptAt le {cutoff}");
        var cleared = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "LastError"], cancellationToken: cancellationToken))
        {
            if (row.GetString("LastError") is not { Length: > 0 } text || text == Removed)
            {
                continue;
            }

            // A merge of this one column under the row's ETag: a worker that wrote the row since keeps its newer text.
            var change = new TableEntity(row.PartitionKey, row.RowKey) { ["LastError"] = Removed };
            try
            {
                await table.UpdateEntityAsync(change, row.ETag, TableUpdateMode.Merge, cancellationToken);
                cleared++;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 412)
            {
                // Written meanwhile: its text is new; a later sweep looks at it again when it is old.
            }
        }

        return cleared;
    }
}
