using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Catalog;

/// <summary>
/// How far a store's initial catalog import has got (SyncCursors table, partition = store hash, row <c>catalog-import</c>,
/// beside the flow's own cursor row, which holds the watermark the import resumes from after a crash).
/// </summary>
public sealed class CatalogImportProgress : ITableEntity
{
    public const string Row = "catalog-import";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The catalog's size when the import began (<c>meta.pagination.total</c> of its first page).</summary>
    public long? Total { get; set; }
    public int Pages { get; set; }
    /// <summary>Products queued for the back office so far (each once; a resumed page's products already queued are not counted again).</summary>
    public long Products { get; set; }
    /// <summary>How often the import went on from its saved cursor after a run that did not finish it.</summary>
    public int Resumes { get; set; }

    public bool IsComplete => CompletedAt is not null;
}

public sealed class CatalogImports(ConnectorStorage storage)
{
    private readonly StoreRow<CatalogImportProgress> _rows = new(() => storage.Table(TableNames.SyncCursors), CatalogImportProgress.Row);

    public Task<CatalogImportProgress?> FindAsync(string storeHash, CancellationToken cancellationToken) => _rows.FindAsync(storeHash, cancellationToken);

    public Task ChangeAsync(string storeHash, Action<CatalogImportProgress> change, CancellationToken cancellationToken) =>
        _rows.ChangeAsync(storeHash, change, cancellationToken);
}
