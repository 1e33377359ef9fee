using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Catalog;

/// <summary>
/// The catalog's deletion check for one store (SyncCursors table, partition = store hash, row <c>catalog-deletions</c>, beside
/// the poll's cursor and the import's progress): the check under way, and the last one that finished.
/// </summary>
public sealed class DeletionCheckProgress : ITableEntity
{
    public const string Row = "catalog-deletions";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When the check under way (or the last one) began.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>The check under way has compared every product id up to this one; null when no check is under way.</summary>
    public long? CheckedUpToId { get; set; }

    /// <summary>Products the check under way compared so far, and found gone from BigCommerce.</summary>
    public long Checked { get; set; }
    public int Gone { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>What the last finished check compared and found, for the merchant's page.</summary>
    public long LastChecked { get; set; }
    public int LastGone { get; set; }

    public bool IsUnderway => CheckedUpToId is not null;
}

public sealed class DeletionChecks(ConnectorStorage storage)
{
    private readonly StoreRow<DeletionCheckProgress> _rows = new(() => storage.Table(TableNames.SyncCursors), DeletionCheckProgress.Row);

    public Task<DeletionCheckProgress?> FindAsync(string storeHash, CancellationToken cancellationToken) => _rows.FindAsync(storeHash, cancellationToken);

    public Task ChangeAsync(string storeHash, Action<DeletionCheckProgress> change, CancellationToken cancellationToken) =>
        _rows.ChangeAsync(storeHash, change, cancellationToken);
}
