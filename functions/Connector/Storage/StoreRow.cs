using Azure.Data.Tables;

namespace Connector.Storage;

/// <summary>
/// One row of a kind per store (partition = store hash, a fixed row key), beside others in its table: read whole, changed
/// under its ETag (<see cref="OptimisticUpdate"/>), created by the first change.
/// </summary>
public sealed class StoreRow<T>(Func<TableClient> table, string rowKey) where T : class, ITableEntity, new()
{
    public async Task<T?> FindAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await table().GetEntityIfExistsAsync<T>(storeHash, rowKey, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public Task ChangeAsync(string storeHash, Action<T> change, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<T>(table(), storeHash, rowKey, current =>
        {
            var row = current ?? new T();
            change(row);
            return row;
        }, cancellationToken);
}
