using Azure.Data.Tables;
using Connector.Storage;
using Connector.Webhooks;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>What the tests read of the WebhookReceipts table.</summary>
internal static class ReceiptRows
{
    /// <summary>
    /// A callback's receipt, sent during the test (its <c>created_at</c> the moment it was built): in today's partition, in
    /// yesterday's just after midnight UTC, or in the store's own (a callback without a time).
    /// </summary>
    public static async Task<TableEntity?> FindAsync(ConnectorSystem system, string storeHash, string webhookId)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var partition in new[] { WebhookReceipts.PartitionOf(storeHash, now), WebhookReceipts.PartitionOf(storeHash, now.AddDays(-1)), storeHash })
        {
            if (await system.Table(TableNames.WebhookReceipts).GetEntityIfExistsAsync<TableEntity>(partition, webhookId) is { HasValue: true } row)
            {
                return row.Value;
            }
        }

        return null;
    }
}
