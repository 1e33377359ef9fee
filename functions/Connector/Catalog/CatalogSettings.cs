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

    /// <summary>Back office → BigCommerce: the catalog-changes feed is read and its changes written to BigCommerce. Off by default.</summary>
    public bool PushEnabled { get; init; }

    /// <summary>What a change for a SKU BigCommerce does not know does, and whether existing products are updated (Flxpoint's choice).</summary>
    public ProductCreation Creation { get; init; } = ProductCreation.Off;

    /// <summary>What a value beyond BigCommerce's limits (a name over 250 characters, a price with more than 4 decimals) does.</summary>
    public LimitPolicy Limits { get; init; } = LimitPolicy.Truncate;
}

/// <summary>
/// Whether the push creates products: <c>Off</c> (the default) updates existing products and variants only, and an unknown
/// SKU is a refusal; <c>CreateOnly</c> creates a simple product for an unknown SKU and leaves existing ones alone;
/// <c>CreateAndUpdate</c> does both.
/// </summary>
public enum ProductCreation
{
    Off,
    CreateOnly,
    CreateAndUpdate,
}

/// <summary>A value beyond BigCommerce's limits: cut to fit, leave that field out, or refuse the whole change.</summary>
public enum LimitPolicy
{
    Truncate,
    SkipField,
    FailProduct,
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

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
