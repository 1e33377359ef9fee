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

    /// <summary>The catalog push is writing this product right now: this version may be its own (no echo), so it waits.</summary>
    OwnWriteUnderway,
}

/// <summary>The Products table: the catalog flow's ledger, one row per product (see <see cref="ProductLedgerEntry"/>).</summary>
public sealed class ProductLedger(ConnectorStorage storage)
{
    private TableClient Table => storage.Table(TableNames.Products);

    /// <summary>
    /// ProductsNeedingAttention (partition = store hash, row = product id as in the ledger): one row per refused or failing
    /// product, kept in step after each status write, so the app's page lists them without scanning the store's ledger.
    /// </summary>
    private TableClient Attention => storage.Table(TableNames.ProductsNeedingAttention);

    public static string RowKey(long productId) => productId.ToString("D19", CultureInfo.InvariantCulture);

    public async Task<ProductLedgerEntry?> FindAsync(string storeHash, long productId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<ProductLedgerEntry>(storeHash, RowKey(productId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task UpdateAsync(string storeHash, long productId, Action<ProductLedgerEntry> change, CancellationToken cancellationToken)
    {
        string? before = null;
        var after = await OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            before = current?.Status;
            var entry = current ?? new ProductLedgerEntry();
            change(entry);
            return entry;
        }, cancellationToken);
        if (before != after?.Status)
        {
            await AttentionListing.KeepInStepAsync(Attention, new TableEntity(storeHash, RowKey(productId)) { ["Status"] = after?.Status },
                ProductLedgerStatus.NeedsAttention(before), ProductLedgerStatus.NeedsAttention(after?.Status), cancellationToken);
        }
    }

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

            if (version != ProductLedgerEntry.DeletionVersion && entry.OwnWriteUnderway(now))
            {
                claim = ProductClaim.OwnWriteUnderway;
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

    /// <summary>
    /// No echo: the push begins writing this product (a version read meanwhile waits for its end). True when an earlier
    /// write of it never recorded its end, which the caller resolves before it writes.
    /// </summary>
    public async Task<bool> BeginOwnWriteAsync(string storeHash, long productId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var unended = false;
        await OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            var entry = current ?? new ProductLedgerEntry();
            entry.BeginOwnWrite(at);
            unended = entry.UnendedWriteFrom is not null;
            return entry;
        }, cancellationToken);
        return unended;
    }

    /// <summary>
    /// The product's version read before the next write: taken as the unended write's own when it was made after that write
    /// began (<see cref="ProductLedgerEntry.MayBeUnendedWrite"/>); either way the unended write is resolved.
    /// </summary>
    public Task ResolveUnendedWriteAsync(string storeHash, long productId, DateTimeOffset currentVersion, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            if (current?.UnendedWriteFrom is null)
            {
                return null;
            }

            if (current.MayBeUnendedWrite(currentVersion))
            {
                current.AddOwnWrite(currentVersion);
            }

            current.UnendedWriteFrom = null;
            return current;
        }, cancellationToken);

    /// <summary>The push's write ended (see <see cref="ProductLedgerEntry.EndOwnWrite"/>).</summary>
    public Task EndOwnWriteAsync(string storeHash, long productId, DateTimeOffset? version, bool madeNothing, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<ProductLedgerEntry>(Table, storeHash, RowKey(productId), current =>
        {
            var entry = current ?? new ProductLedgerEntry();
            entry.EndOwnWrite(version, madeNothing);
            return entry;
        }, cancellationToken);

    /// <summary>
    /// The store's ledger rows for product ids above <paramref name="afterId"/> and at most <paramref name="upToId"/>, by id
    /// (the row keys are zero-padded, so the table's own order is the ids' order).
    /// </summary>
    public IAsyncEnumerable<ProductLedgerEntry> RangeAsync(string storeHash, long afterId, long upToId, CancellationToken cancellationToken) =>
        Table.QueryAsync<ProductLedgerEntry>(
            TableClient.CreateQueryFilter($"PartitionKey eq {storeHash} and RowKey gt {RowKey(afterId)} and RowKey le {RowKey(upToId)}"),
            cancellationToken: cancellationToken);

    /// <summary>
    /// Up to <paramref name="max"/> products of the store that need attention (refused or failing), from the index, each
    /// checked against its ledger row (the truth: a stale index row is dropped); and whether more follow.
    /// </summary>
    public Task<(IReadOnlyList<ProductLedgerEntry> Entries, bool More)> NeedingAttentionAsync(string storeHash, int max, CancellationToken cancellationToken) =>
        AttentionListing.ReadAsync<ProductLedgerEntry>(Attention, Table, storeHash, max, e => ProductLedgerStatus.NeedsAttention(e.Status), cancellationToken);
}
