using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Connector.Inventory;
using Connector.Orders;
using Connector.Shipments;
using Connector.Storage;

namespace Connector.Stores;

public sealed class StoreSettingsEntity : ITableEntity
{
    public const string Row = "store";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Orders { get; set; }

    public string? Inventory { get; set; }

    public string? Shipments { get; set; }
}

/// <summary>The Settings table: one row per store holding each flow's settings as JSON.</summary>
public sealed class StoreSettings(ConnectorStorage storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(TableNames.Settings);

    public async Task<OrderSettings> GetOrderSettingsAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<StoreSettingsEntity>(storeHash, StoreSettingsEntity.Row, cancellationToken: cancellationToken);
        if (found.HasValue && found.Value!.Orders is { } json)
        {
            return JsonSerializer.Deserialize<OrderSettings>(json, Json) ?? new OrderSettings();
        }

        return new OrderSettings();
    }

    /// <summary>Writes the defaults for a newly connected store; a store that comes back keeps its own.</summary>
    public Task CreateDefaultsAsync(string storeHash, OrderSettings orders, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row,
            current => current is null ? new StoreSettingsEntity { Orders = JsonSerializer.Serialize(orders, Json) } : null, cancellationToken);

    public Task SaveOrderSettingsAsync(string storeHash, OrderSettings settings, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row,
            current => new StoreSettingsEntity { Orders = JsonSerializer.Serialize(settings, Json), Inventory = current?.Inventory, Shipments = current?.Shipments }, cancellationToken);

    /// <summary>
    /// Applies a change to both flows' settings in one write under the row's ETag, to whatever is stored at that moment:
    /// a resync cleared by a run meanwhile is not brought back by a person saving the form.
    /// </summary>
    public Task ChangeAsync(
        string storeHash, Func<OrderSettings, OrderSettings> orders, Func<InventorySettings, InventorySettings> inventory, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row, current =>
        {
            var currentOrders = current?.Orders is { } o ? JsonSerializer.Deserialize<OrderSettings>(o, Json) ?? new OrderSettings() : new OrderSettings();
            var currentInventory = current?.Inventory is { } i ? JsonSerializer.Deserialize<InventorySettings>(i, Json) ?? new InventorySettings() : new InventorySettings();
            return new StoreSettingsEntity
            {
                Orders = JsonSerializer.Serialize(orders(currentOrders), Json),
                Inventory = JsonSerializer.Serialize(inventory(currentInventory), Json),
            };
        }, cancellationToken);

    /// <summary>Clears a resync request once it has been acted on, unless a newer one arrived meanwhile.</summary>
    public Task ClearResyncAsync(string storeHash, DateTimeOffset handled, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row, current =>
        {
            var settings = current?.Orders is { } json ? JsonSerializer.Deserialize<OrderSettings>(json, Json) : null;
            if (settings?.ResyncFrom != handled)
            {
                return null;
            }

            return new StoreSettingsEntity { Orders = JsonSerializer.Serialize(settings with { ResyncFrom = null }, Json), Inventory = current!.Inventory, Shipments = current.Shipments };
        }, cancellationToken);

    public async Task<InventorySettings> GetInventorySettingsAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<StoreSettingsEntity>(storeHash, StoreSettingsEntity.Row, cancellationToken: cancellationToken);
        if (found.HasValue && found.Value!.Inventory is { } json)
        {
            return JsonSerializer.Deserialize<InventorySettings>(json, Json) ?? new InventorySettings();
        }

        return new InventorySettings();
    }

    public Task SaveInventorySettingsAsync(string storeHash, InventorySettings settings, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row,
            current => new StoreSettingsEntity { Orders = current?.Orders, Inventory = JsonSerializer.Serialize(settings, Json), Shipments = current?.Shipments }, cancellationToken);

    /// <summary>Clears an inventory resync request once a full scan has acted on it, unless a newer one arrived meanwhile.</summary>
    public Task ClearInventoryResyncAsync(string storeHash, DateTimeOffset handled, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row, current =>
        {
            var settings = current?.Inventory is { } json ? JsonSerializer.Deserialize<InventorySettings>(json, Json) : null;
            if (settings?.ResyncRequestedAt != handled)
            {
                return null;
            }

            return new StoreSettingsEntity { Orders = current!.Orders, Inventory = JsonSerializer.Serialize(settings with { ResyncRequestedAt = null }, Json), Shipments = current.Shipments };
        }, cancellationToken);

    public async Task<ShipmentSettings> GetShipmentSettingsAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<StoreSettingsEntity>(storeHash, StoreSettingsEntity.Row, cancellationToken: cancellationToken);
        if (found.HasValue && found.Value!.Shipments is { } json)
        {
            return JsonSerializer.Deserialize<ShipmentSettings>(json, Json) ?? new ShipmentSettings();
        }

        return new ShipmentSettings();
    }

    public Task SaveShipmentSettingsAsync(string storeHash, ShipmentSettings settings, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<StoreSettingsEntity>(Table, storeHash, StoreSettingsEntity.Row,
            current => new StoreSettingsEntity { Orders = current?.Orders, Inventory = current?.Inventory, Shipments = JsonSerializer.Serialize(settings, Json) }, cancellationToken);
}
