using Azure;
using Azure.Data.Tables;

namespace Connector.Storage;

/// <summary>
/// A flow's "needing attention" index, the same way for every ledger that keeps one: kept in step after a status write
/// (<see cref="KeepInStepAsync"/>), and read as the first rows of the store's partition, each checked against its ledger
/// row (the truth), a stale index row deleted on the way.
/// </summary>
public static class AttentionListing
{
    /// <summary>
    /// After a ledger row's status changed: its index row is written (replaced) while it needs attention, and deleted once
    /// it no longer does (already gone is fine). A crash in between leaves a stale or missing index row, which the listing
    /// drops or the next status write restores.
    /// </summary>
    public static async Task KeepInStepAsync<TRow>(TableClient index, TRow indexRow, bool neededBefore, bool needsNow, CancellationToken cancellationToken)
        where TRow : ITableEntity
    {
        if (needsNow)
        {
            await index.UpsertEntityAsync(indexRow, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        if (neededBefore)
        {
            try
            {
                await index.DeleteEntityAsync(indexRow.PartitionKey, indexRow.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Already gone: nothing to keep in step.
            }
        }
    }

    /// <summary>Up to <paramref name="max"/> ledger rows that still need attention, and whether more index rows follow.</summary>
    public static async Task<(IReadOnlyList<TEntry> Entries, bool More)> ReadAsync<TEntry>(
        TableClient index, TableClient ledger, string storeHash, int max, Func<TEntry, bool> needsAttention, CancellationToken cancellationToken)
        where TEntry : class, ITableEntity
    {
        var rows = new List<string>();
        var more = false;
        await foreach (var row in index.QueryAsync<TableEntity>(r => r.PartitionKey == storeHash, maxPerPage: max + 1,
            select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (rows.Count == max)
            {
                more = true;
                break;
            }

            rows.Add(row.RowKey);
        }

        var found = new List<TEntry>();
        foreach (var rowKey in rows)
        {
            var entry = await ledger.GetEntityIfExistsAsync<TEntry>(storeHash, rowKey, cancellationToken: cancellationToken);
            if (entry.HasValue && needsAttention(entry.Value!))
            {
                found.Add(entry.Value!);
                continue;
            }

            try
            {
                await index.DeleteEntityAsync(storeHash, rowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Already gone.
            }
        }

        return (found, more);
    }
}
