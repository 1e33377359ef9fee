using System.Globalization;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Catalog;

/// <summary>How a claim to send one product version ended.</summary>
public enum ProductClaim
{
    /// <summary>Ours to send: recorded as sent, so no older version is sent after it.</summary>
    Send,

    /// <summary>The back office has it or something newer, or refused it; or a newer version was sent first.</summary>
    Settled,

    /// <summary>Another worker is sending this version or a newer one right now.</summary>
    HeldElsewhere,

    /// <summary>Another worker is sending an older version right now: this one waits for that POST to end.</summary>
    OlderSending,
}

/// <summary>The Products table: the catalog flow's ledger, one row per product (see <see cref="ProductLedgerEntry"/>).</summary>
public sealed class ProductLedger(ConnectorStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Products);

    public static string RowKey(long productId) => productId.ToString("D19", CultureInfo.InvariantCulture);

    public async Task<ProductLedgerEntry?> FindAsync(string storeHash, long productId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<ProductLedgerEntry>(storeHash, RowKey(productId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public Task UpdateAsync(string storeHash, long productId, Action<ProductLedgerEntry> change, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            var entry = current ?? new ProductLedgerEntry();
            change(entry);
            return entry;
        }, cancellationToken);

    public Task MarkQueuedAsync(string storeHash, long productId, DateTimeOffset version, DateTimeOffset now, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            if (current?.QueuedVersion >= version)
            {
                return null;
            }

            var entry = current ?? new ProductLedgerEntry();
            entry.QueuedVersion = version;
            entry.QueuedAt = now;
            return entry;
        }, cancellationToken);

    /// <summary>
    /// Under the row's ETag: takes the right to send <paramref name="version"/> (<see cref="ProductLedgerEntry.DeletionVersion"/>
    /// for a deletion) unless it is settled or another live holder sends the same or another version.
    /// </summary>
    public async Task<ProductClaim> TryClaimAsync(
        string storeHash, long productId, DateTimeOffset version, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var claim = ProductClaim.Send;
        await OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            var entry = current ?? new ProductLedgerEntry();
            if (entry.IsSettled(version))
            {
                claim = ProductClaim.Settled;
                return null;
            }

            if (entry.SendingBy is { } other && other != holder && entry.SendingUntil > now)
            {
                claim = entry.SendingVersion >= version ? ProductClaim.HeldElsewhere : ProductClaim.OlderSending;
                return null;
            }

            claim = ProductClaim.Send;
            entry.SendingBy = holder;
            entry.SendingVersion = version;
            entry.SendingUntil = until;
            if (entry.SentVersion is null || version > entry.SentVersion)
            {
                entry.SentVersion = version;
            }

            return entry;
        }, cancellationToken);
        return claim;
    }

    /// <summary>Up to <paramref name="max"/> products of the store that need attention (refused or failing), from a scan of its rows.</summary>
    public async Task<IReadOnlyList<ProductLedgerEntry>> NeedingAttentionAsync(string storeHash, int max, CancellationToken cancellationToken)
    {
        var found = new List<ProductLedgerEntry>();
        await foreach (var entry in Table.QueryAsync<ProductLedgerEntry>(
            e => e.PartitionKey == storeHash && (e.Status == ProductLedgerStatus.Rejected || e.Status == ProductLedgerStatus.Failing),
            maxPerPage: 1000, cancellationToken: cancellationToken))
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
