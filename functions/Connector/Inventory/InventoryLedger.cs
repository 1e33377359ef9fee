using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Inventory;

public enum InventoryStatus
{
    Pending,
    Pushed,
    UnknownSku,
    Failing,
}

/// <summary>The Inventory table: partition = store hash, row = escaped SKU. Quantities are JSON maps of location id → quantity.</summary>
public sealed class InventoryEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Sku { get; set; } = "";
    public string? Pushed { get; set; }
    public string? Claims { get; set; }
    public DateTimeOffset? PushedAt { get; set; }
    public string Status { get; set; } = nameof(InventoryStatus.Pending);
    public string? LastError { get; set; }
    public long? ProductId { get; set; }
    public int Attempts { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Dictionary<long, int> PushedQuantities() => Pushed is null ? [] : JsonSerializer.Deserialize<Dictionary<long, int>>(Pushed, Json) ?? [];

    public Dictionary<long, Claim> ClaimMap() => Claims is null ? [] : JsonSerializer.Deserialize<Dictionary<long, Claim>>(Claims, Json) ?? [];

    public InventoryStatus StatusValue => Enum.TryParse<InventoryStatus>(Status, out var s) ? s : InventoryStatus.Pending;

    public void SetPushed(IReadOnlyDictionary<long, int> quantities) => Pushed = JsonSerializer.Serialize(quantities, Json);

    public void SetClaims(IReadOnlyDictionary<long, Claim> claims) => Claims = JsonSerializer.Serialize(claims, Json);

    public InventoryEntry Copy() => (InventoryEntry)MemberwiseClone();

    public PushedState State() => new(PushedQuantities(), StatusValue, ClaimMap().ToDictionary(c => c.Key, c => c.Value.Quantity));
}

/// <remarks>
/// Updates go through a <see cref="TableGroupCommit{T}"/> (unless <see cref="InventoryWriteOptions.BatchLedgerWrites"/> is
/// off): the claims and confirmations of the SKUs a worker has in hand at once share reads and one table transaction,
/// all in the store's partition.
/// </remarks>
public sealed class InventoryLedger(ConnectorStorage storage, SkuAttentionIndex attention, IOptions<InventoryWriteOptions>? options = null)
{
    private readonly TableGroupCommit<InventoryEntry> _group = new(() => storage.Table(TableNames.Inventory));

    private TableClient Table => storage.Table(TableNames.Inventory);

    public static string RowKey(string sku) => TableKeys.Escape(sku);

    /// <summary>
    /// Every SKU of a store, streamed page by page (only the columns change detection needs), so the caller keeps what it
    /// needs of each row and not the rows.
    /// </summary>
    public IAsyncEnumerable<InventoryEntry> StreamStoreAsync(string storeHash, CancellationToken cancellationToken) =>
        Table.QueryAsync<InventoryEntry>(e => e.PartitionKey == storeHash, maxPerPage: 1000,
            select: [nameof(InventoryEntry.Sku), nameof(InventoryEntry.Pushed), nameof(InventoryEntry.Claims), nameof(InventoryEntry.Status)],
            cancellationToken: cancellationToken);

    /// <summary>Every SKU of a store in memory: for tests and small reads; the scan streams (<see cref="StreamStoreAsync"/>).</summary>
    public async Task<Dictionary<string, InventoryEntry>> ReadStoreAsync(string storeHash, CancellationToken cancellationToken)
    {
        var all = new Dictionary<string, InventoryEntry>(StringComparer.Ordinal);
        await foreach (var entry in Table.QueryAsync<InventoryEntry>(e => e.PartitionKey == storeHash, cancellationToken: cancellationToken))
        {
            all[entry.Sku] = entry;
        }

        return all;
    }

    public async Task<InventoryEntry?> FindAsync(string storeHash, string sku, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<InventoryEntry>(storeHash, RowKey(sku), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Read-modify-write under the row's ETag; <paramref name="change"/> returns false to write nothing.</summary>
    /// <param name="known">The row as this caller last wrote or read it (saves the read; a row changed since is read again).</param>
    /// <remarks>Keeps the <see cref="SkuAttentionIndex"/> in step when the SKU's status moves into or out of needing attention.</remarks>
    public async Task<InventoryEntry?> UpdateAsync(
        string storeHash, string sku, Func<InventoryEntry, bool> change, CancellationToken cancellationToken, InventoryEntry? known = null)
    {
        string? before = null;
        InventoryEntry? Apply(InventoryEntry? current)
        {
            before = current?.Status;
            var entry = current?.Copy() ?? new InventoryEntry { Sku = sku };
            return change(entry) ? entry : null;
        }

        // A row without a version (a response that carried none) cannot stand for the row: read it.
        var knownRow = known is { ETag: var etag } && etag != default ? new Known<InventoryEntry>(known) : null;
        var updated = options?.Value.BatchLedgerWrites == false
            ? await OptimisticUpdate.ApplyAsync<InventoryEntry>(Table, storeHash, RowKey(sku), Apply, cancellationToken, knownRow)
            : await _group.ApplyAsync(storeHash, RowKey(sku), Apply, cancellationToken, knownRow);
        if (updated is not null && updated.Status != before)
        {
            await attention.SyncAsync(storeHash, sku, before, updated.Status, cancellationToken);
        }

        return updated;
    }
}
