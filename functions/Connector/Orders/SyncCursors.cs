using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Orders;

/// <summary>How far one flow of one store has got: everything modified up to the watermark is enqueued.</summary>
public sealed class SyncCursor : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? Watermark { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public string? LastResult { get; set; }
}

/// <summary>The SyncCursors table: partition = store hash, row = flow name.</summary>
public sealed class SyncCursors(ConnectorStorage storage)
{
    public const string OrdersFlow = "orders";
    public const string InventoryFlow = "inventory";

    private TableClient Table => storage.Table(TableNames.SyncCursors);

    public async Task<SyncCursor?> FindAsync(string storeHash, string flow, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<SyncCursor>(storeHash, flow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Moves the watermark forward only: a late or duplicate run can never move it back.</summary>
    public Task AdvanceAsync(string storeHash, string flow, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<SyncCursor>(Table, storeHash, flow, current =>
            current?.Watermark >= watermark
                ? null
                : new SyncCursor { Watermark = watermark, LastRunAt = current?.LastRunAt, LastResult = current?.LastResult },
            cancellationToken);

    /// <summary>Sets the watermark to a point in the past, for a forced resync.</summary>
    public Task RewindAsync(string storeHash, string flow, DateTimeOffset watermark, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<SyncCursor>(Table, storeHash, flow, current =>
            new SyncCursor { Watermark = watermark, LastRunAt = current?.LastRunAt, LastResult = current?.LastResult },
            cancellationToken);

    public Task RecordRunAsync(string storeHash, string flow, DateTimeOffset at, string result, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<SyncCursor>(Table, storeHash, flow, current =>
            new SyncCursor { Watermark = current?.Watermark, LastRunAt = at, LastResult = result },
            cancellationToken);
}
