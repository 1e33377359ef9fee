using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Catalog;

/// <summary>
/// A store's catalog flow settings (BigCommerce → back office products). Off unless the merchant turns it on, for new and
/// existing installs alike, as peers make catalog sync opt-in: a back office that is not ready for products must not
/// receive a whole catalog because the connector was upgraded.
/// </summary>
public sealed record CatalogSettings
{
    public bool PullEnabled { get; init; }
}

public sealed class CatalogSettingsEntity : ITableEntity
{
    /// <summary>A row of its own in the Settings table, next to the store's "store" row, so the other flows' writes never touch it.</summary>
    public const string Row = "catalog";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Catalog { get; set; }
}

/// <summary>Reads and writes <see cref="CatalogSettings"/> (Settings table, partition = store hash, row <c>catalog</c>).</summary>
public sealed class CatalogSettingsStore(ConnectorStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(TableNames.Settings);

    public async Task<CatalogSettings> GetAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<CatalogSettingsEntity>(storeHash, CatalogSettingsEntity.Row, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.Catalog is { } json ? JsonSerializer.Deserialize<CatalogSettings>(json, Json) ?? new CatalogSettings() : new CatalogSettings();
    }

    public Task SaveAsync(string storeHash, CatalogSettings settings, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<CatalogSettingsEntity>(Table, storeHash, CatalogSettingsEntity.Row,
            _ => new CatalogSettingsEntity { Catalog = JsonSerializer.Serialize(settings, Json) }, cancellationToken);
}
