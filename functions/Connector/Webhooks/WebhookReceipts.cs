using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Webhooks;

/// <summary>
/// The WebhookReceipts table (partition = store hash, row = <c>webhook-id</c>): BigCommerce delivers at least once and
/// retries, so a callback is acted on only by whoever inserts its row first.
/// </summary>
public sealed class WebhookReceipts(ConnectorStorage storage, TimeProvider clock)
{
    private TableClient Table => storage.Table(TableNames.WebhookReceipts);

    /// <summary>True if this is the first time this webhook id is seen for the store.</summary>
    public async Task<bool> TryRecordAsync(string storeHash, string webhookId, string scope, long dataId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(storeHash, webhookId)
            {
                ["Scope"] = scope,
                ["DataId"] = dataId,
                ["ReceivedAt"] = clock.GetUtcNow(),
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Forgets a receipt whose work could not be queued, so BigCommerce's retry is acted on.</summary>
    public async Task ForgetAsync(string storeHash, string webhookId)
    {
        try
        {
            await Table.DeleteEntityAsync(storeHash, webhookId, ETag.All, CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Best effort: at worst the retry is taken for a duplicate and the next poll covers the order.
        }
    }
}
