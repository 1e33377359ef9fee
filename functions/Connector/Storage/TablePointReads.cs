using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace Connector.Storage;

/// <summary>
/// Several rows of one partition read by their keys, each as a point query, a few at once. Not one query naming the keys
/// with <c>or</c>: Azure Tables serves such a filter as a scan of the whole partition, not from its index ("Design for
/// querying": "using an or to specify a filter based on RowKey values results in a partition scan"), and a store's
/// partition of a ledger holds every SKU or order it ever had, so the cost of that read would grow with the store.
/// A point query costs the same whatever the partition holds.
/// </summary>
public static class TablePointReads
{
    /// <summary>Point reads in flight at once for one call.</summary>
    public const int Concurrency = 16;

    /// <summary>The rows that exist among these keys (missing keys are left out).</summary>
    public static async Task<Dictionary<string, T>> ReadAsync<T>(
        TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken) where T : class, ITableEntity
    {
        var found = new ConcurrentDictionary<string, T>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(rowKeys.Distinct(StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (rowKey, token) =>
            {
                var row = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: token).ConfigureAwait(false);
                if (row.HasValue)
                {
                    found[rowKey] = row.Value!;
                }
            }).ConfigureAwait(false);
        return new Dictionary<string, T>(found, StringComparer.Ordinal);
    }
}
