using Azure;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// The WebhookReceipts table (partition = store hash, row = <c>webhook-id</c>): BigCommerce delivers at least once and
/// retries, so a callback whose row exists is acknowledged and dropped. The row is written after the work is queued.
/// </summary>
public sealed class WebhookReceipts(ConnectorStorage storage, TimeProvider clock, ILogger<WebhookReceipts> logger)
{
    private TableClient Table => storage.Table(TableNames.WebhookReceipts);

    /// <summary>
    /// Runs a callback's work unless its webhook id was already acted on for the store; false when it was. The receipt
    /// is written only after the work: a crash (or a storage fault) in between leaves none, so BigCommerce's retry is
    /// acted on, and a repeat queued twice is harmless downstream. The other order would drop the event for good.
    /// Storage faults of the check or the work reach the caller (which answers 503, so BigCommerce retries).
    /// </summary>
    public async Task<bool> ActOnceAsync(
        string storeHash, string webhookId, string scope, long dataId, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        if (await SeenAsync(storeHash, webhookId, cancellationToken))
        {
            return false;
        }

        await work(cancellationToken);
        await RecordAsync(storeHash, webhookId, scope, dataId);
        return true;
    }

    private async Task<bool> SeenAsync(string storeHash, string webhookId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(storeHash, webhookId, select: ["RowKey"], cancellationToken: cancellationToken);
        return found.HasValue;
    }

    /// <summary>Best effort: without the row, a repeat of this callback is acted on again, which is harmless.</summary>
    private async Task RecordAsync(string storeHash, string webhookId, string scope, long dataId)
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
            // Not thrown: the work is done and queued, and failing now would make BigCommerce send it again. But said.
            logger.LogWarning(ex, "Receipt of webhook {WebhookId} for store {StoreHash} not recorded; a repeat of it will be acted on again",
                webhookId, storeHash);
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
