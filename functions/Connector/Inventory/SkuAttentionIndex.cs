using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Inventory;

public sealed class SkuAttentionRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Sku { get; set; } = "";
    public string Status { get; set; } = "";
}

/// <summary>
/// The SkusNeedingAttention table (partition = store hash, row = the SKU's ledger row key): one row per SKU whose ledger
/// row is <c>UnknownSku</c> or <c>Failing</c>, kept in step by <see cref="InventoryLedger"/>'s writes, so the app's page
/// lists them without reading the store's whole inventory ledger. The ledger stays the truth: readers check each row.
/// </summary>
public sealed class SkuAttentionIndex(ConnectorStorage storage)
{
    private TableClient Table => storage.Table(TableNames.SkusNeedingAttention);

    public static bool NeedsAttention(string? status) => status is nameof(InventoryStatus.UnknownSku) or nameof(InventoryStatus.Failing);

    public Task SyncAsync(string storeHash, string sku, string? before, string? after, CancellationToken cancellationToken) =>
        before == after
            ? Task.CompletedTask
            : AttentionListing.KeepInStepAsync(Table, new SkuAttentionRow { PartitionKey = storeHash, RowKey = InventoryLedger.RowKey(sku), Sku = sku, Status = after ?? "" },
                NeedsAttention(before), NeedsAttention(after), cancellationToken);

    public async Task RemoveAsync(string storeHash, string sku, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(storeHash, InventoryLedger.RowKey(sku), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    /// <summary>The first <paramref name="max"/> SKUs needing attention, and whether there are more.</summary>
    public async Task<(IReadOnlyList<string> Skus, bool More)> ListAsync(string storeHash, int max, CancellationToken cancellationToken)
    {
        var skus = new List<string>();
        await foreach (var row in Table.QueryAsync<SkuAttentionRow>(r => r.PartitionKey == storeHash, maxPerPage: max + 1,
            select: [nameof(SkuAttentionRow.Sku)], cancellationToken: cancellationToken))
        {
            if (skus.Count == max)
            {
                return (skus, true);
            }

            skus.Add(row.Sku);
        }

        return (skus, false);
    }
}
