using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.MerchantPage;

public sealed class AuditEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }
    /// <summary>"user 123" or "operator": ids, never names or emails.</summary>
    public string Actor { get; set; } = "";
    public string Change { get; set; } = "";
}

/// <summary>
/// The AuditTrail table (partition = store hash, row = reversed time + a random tail): every change made from the page,
/// who made it and when. Rows sort newest first, so the page reads the latest few without scanning the store's history.
/// </summary>
public sealed class AuditTrail(ConnectorStorage storage, TimeProvider clock)
{
    /// <summary>Kept short: an audit line says what changed, not the whole form.</summary>
    public const int MaxChangeLength = 1000;

    private TableClient Table => storage.Table(TableNames.AuditTrail);

    public async Task RecordAsync(string storeHash, string actor, IEnumerable<string> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            var now = clock.GetUtcNow();
            var row = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
            await Table.AddEntityAsync(new AuditEntry
            {
                PartitionKey = storeHash,
                RowKey = row,
                At = now,
                Actor = actor,
                Change = change.Length > MaxChangeLength ? change[..MaxChangeLength] + "…" : change,
            }, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> LatestAsync(string storeHash, int max, CancellationToken cancellationToken)
    {
        var found = new List<AuditEntry>();
        await foreach (var entry in Table.QueryAsync<AuditEntry>(e => e.PartitionKey == storeHash, maxPerPage: max, cancellationToken: cancellationToken))
        {
            found.Add(entry);
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }
}
