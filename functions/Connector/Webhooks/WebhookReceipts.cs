using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Webhooks;

/// <summary>
/// The WebhookReceipts table (partition = store hash, row = <c>webhook-id</c>): BigCommerce delivers at least once and
/// retries, so a callback whose row exists is acknowledged and dropped. The row is written after the work is queued.
/// </summary>
public sealed class WebhookReceipts(ConnectorStorage storage, TimeProvider clock)
{
    private TableClient Table => storage.Table(TableNames.WebhookReceipts);

    /// <summary>True when this webhook id was already acted on for the store.</summary>
    public async Task<bool> SeenAsync(string storeHash, string webhookId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(storeHash, webhookId, select: ["RowKey"], cancellationToken: cancellationToken);
        return found.HasValue;
    }

    /// <summary>
    /// Remembers a callback once its work is queued. Best effort: without the row, a repeat of this callback is
    /// queued again, which the order ledger makes harmless.
    /// </summary>
    public async Task RecordAsync(string storeHash, string webhookId, string scope, long dataId)
    {
        try
        {
            await Table.UpsertEntityAsync(new TableEntity(storeHash, webhookId)
            {
                ["Scope"] = scope,
                ["DataId"] = dataId,
                ["ReceivedAt"] = clock.GetUtcNow(),
            }, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
        }
    }

    /// <summary>BigCommerce retries a delivery for up to 48 hours: an older receipt can no longer stop a repeat.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(3);

    private const int MaxForgottenPerRun = 1000;

    /// <summary>Deletes the store's receipts older than <paramref name="cutoff"/> (at most 1,000 a run, in batches of 100).</summary>
    public async Task<int> ForgetOlderThanAsync(string storeHash, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var old = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {storeHash} and ReceivedAt lt {cutoff}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            old.Add(row);
            if (old.Count >= MaxForgottenPerRun)
            {
                break;
            }
        }

        foreach (var chunk in old.Chunk(100))
        {
            await Table.SubmitTransactionAsync(
                chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
        }

        return old.Count;
    }
}
