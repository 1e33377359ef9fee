using Azure;
using Azure.Data.Tables;

namespace Connector.Storage;

/// <summary>
/// Read-modify-write of one table row under its ETag: a writer that lost the race re-reads and
/// applies its change again, so concurrent workers never overwrite each other's changes.
/// </summary>
public static class OptimisticUpdate
{
    /// <param name="change">Returns the row to write, or null when nothing needs writing.</param>
    /// <param name="known">
    /// The row as the caller read it a moment ago (null inside: there was none), to save the first read; a row that
    /// changed since fails the write on its ETag and is read again like any lost race.
    /// </param>
    public static async Task<T?> ApplyAsync<T>(
        TableClient table, string partitionKey, string rowKey, Func<T?, T?> change, CancellationToken cancellationToken, Known<T>? known = null)
        where T : class, ITableEntity, new()
    {
        for (var attempt = 1; ; attempt++)
        {
            T? current;
            if (attempt == 1 && known is not null)
            {
                current = known.Row;
            }
            else
            {
                var existing = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
                current = existing.HasValue ? existing.Value : null;
            }

            var updated = change(current);
            if (updated is null)
            {
                return current;
            }

            updated.PartitionKey = partitionKey;
            updated.RowKey = rowKey;
            try
            {
                var response = current is null
                    ? await table.AddEntityAsync(updated, cancellationToken)
                    : await table.UpdateEntityAsync(updated, current.ETag, TableUpdateMode.Replace, cancellationToken);
                // The row's new version, so the caller can hand it back as Known for its next change.
                updated.ETag = response.Headers.ETag ?? default;
                return updated;
            }
            catch (RequestFailedException ex) when ((ex.Status is 409 or 412) && attempt < 10)
            {
                // Someone else wrote first: read their version and apply our change to it.
            }
        }
    }
}

/// <summary>A row as last read (<see cref="Row"/> null: there was none), handed to <see cref="OptimisticUpdate"/>.</summary>
public sealed record Known<T>(T? Row) where T : class;
