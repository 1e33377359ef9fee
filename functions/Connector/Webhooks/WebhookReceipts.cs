using Azure;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Webhooks;

/// <summary>
/// The WebhookReceipts table (partition = store hash and the day of the event, see <see cref="PartitionOf"/>; row =
/// <c>webhook-id</c>): BigCommerce delivers at least once, retries,
/// and may deliver one event several times at once, so one copy of a callback acts and the others are dropped. The first
/// copy claims the row before it acts (the insert fails for every other copy, however many arrive at once) and marks it
/// done after; a copy whose work fails gives the row back so a retry acts. The claim names its holder: the queue workers
/// claim with an id the endpoint gave that copy's message, which its retries and requeues keep, so a retry after a crash
/// takes its own claim back, and another copy may be dropped while it stands, as the holder's message is still queued.
/// </summary>
public sealed class WebhookReceipts(ConnectorStorage storage, TimeProvider clock, ILogger<WebhookReceipts> logger)
{
    /// <summary>
    /// How long a claim stands against other copies without being marked done. Its holder's own retries take it back at any
    /// time; after this another copy acts too, which is harmless (the order ledger dedupes) and delivers the event even if
    /// its holder's message went to poison. As long as an order delivery's claim, so a slow delivery is not read twice.
    /// </summary>
    public static readonly TimeSpan ActingLease = TimeSpan.FromMinutes(2);

    private const string Acting = "acting";
    private const string Done = "done";

    private TableClient Table => storage.Table(TableNames.WebhookReceipts);

    private const char DaySeparator = '|';

    /// <summary>
    /// A receipt's partition: the store and the UTC day of the event's <c>created_at</c>, which every copy of a callback
    /// shares (BigCommerce's retries resend the same event), so the clean-up deletes past days whole instead of scanning the
    /// store's receipts for old ones (a filter on another column is a scan of the partition). A callback whose time is
    /// unknown (a message queued before receipts had days) is kept in the store's own partition.
    /// </summary>
    public static string PartitionOf(string storeHash, DateTimeOffset? eventAt) =>
        eventAt is { } at ? $"{storeHash}{DaySeparator}{at.UtcDateTime:yyyyMMdd}" : storeHash;

    private static string StoreOf(string partitionKey) => partitionKey.Split(DaySeparator)[0];

    /// <summary>
    /// Runs a callback's work unless another copy of it (same webhook id for the store) acted or is acting; false when
    /// one did. Storage faults of the claim or the work reach the caller (a 503, or the queue's retry); a failed work
    /// leaves no receipt behind.
    /// </summary>
    /// <param name="holder">This copy's id: the same for its retries (they take the claim back), different for each copy.</param>
    /// <param name="eventAt">The callback's <c>created_at</c>, when known (see <see cref="PartitionOf"/>).</param>
    public async Task<bool> ActOnceAsync(
        string storeHash, string webhookId, DateTimeOffset? eventAt, string holder, string scope, long dataId, Func<CancellationToken, Task> work,
        CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(PartitionOf(storeHash, eventAt), webhookId, holder, scope, dataId, cancellationToken);
        if (claim is null)
        {
            return false;
        }

        try
        {
            await work(cancellationToken);
        }
        catch
        {
            await GiveBackAsync(claim);
            throw;
        }

        await MarkDoneAsync(claim);
        return true;
    }

    /// <summary>
    /// Claims the receipts of one store's callbacks at once, for work done together (a batch from the <c>webhooks</c> queue):
    /// one table transaction per hundred rows when none of them exists yet (the usual case), else one claim each as
    /// <see cref="ActOnceAsync"/> takes it. Returns the claims held, each with its row; callbacks another copy acted on or
    /// is acting on are left out. Storage faults reach the caller (the queue retries, and takes its own claims back).
    /// </summary>
    /// <param name="holder">The batch message's id: the same for its retries, so a retry after a crash takes its claims back.</param>
    public async Task<IReadOnlyList<WebhookClaim>> ClaimAllAsync(
        string storeHash, IReadOnlyList<(string WebhookId, DateTimeOffset? EventAt, string Scope, long DataId)> callbacks, string holder,
        CancellationToken cancellationToken)
    {
        var claims = new List<WebhookClaim>();
        var chunks = callbacks.DistinctBy(c => c.WebhookId, StringComparer.Ordinal)
            .GroupBy(c => PartitionOf(storeHash, c.EventAt), StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(100).Select(chunk => (Partition: partition.Key, Callbacks: chunk)));
        foreach (var (partition, chunk) in chunks)
        {
            var now = clock.GetUtcNow();
            var rows = chunk.Select(c => NewClaim(partition, c.WebhookId, holder, c.Scope, c.DataId, now)).ToList();
            try
            {
                var answers = await Table.SubmitTransactionAsync(
                    rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
                for (var i = 0; i < rows.Count; i++)
                {
                    rows[i].ETag = answers.Value[i].Headers.ETag ?? ETag.All;
                    claims.Add(new WebhookClaim(rows[i]));
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 || ex.ErrorCode == "EntityAlreadyExists")
            {
                // One of them exists (a copy, or this batch's own retry): none was written; each is claimed on its own.
                foreach (var c in chunk)
                {
                    if (await ClaimAsync(partition, c.WebhookId, holder, c.Scope, c.DataId, cancellationToken) is { } row)
                    {
                        claims.Add(new WebhookClaim(row));
                    }
                }
            }
        }

        return claims;
    }

    /// <summary>The work of these claims is done (queued): one transaction per hundred rows, else one by one. Best effort, as <see cref="MarkDoneAsync"/>.</summary>
    public async Task MarkAllDoneAsync(IReadOnlyList<WebhookClaim> claims)
    {
        foreach (var partition in claims.GroupBy(c => c.Row.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                try
                {
                    foreach (var claim in chunk)
                    {
                        claim.Row["State"] = Done;
                    }

                    await Table.SubmitTransactionAsync(
                        chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateReplace, c.Row, c.Row.ETag)), CancellationToken.None);
                }
                catch (Exception ex) when (ex is TableTransactionFailedException || StorageFaults.IsUnavailable(ex))
                {
                    // One was taken over past its lease, or storage failed: each on its own, as far as it goes.
                    foreach (var claim in chunk)
                    {
                        await MarkDoneAsync(claim.Row);
                    }
                }
            }
        }
    }

    /// <summary>The work of these claims failed: the rows go, so a retry (this batch's, or BigCommerce's) acts. Best effort.</summary>
    public async Task GiveBackAllAsync(IReadOnlyList<WebhookClaim> claims)
    {
        foreach (var claim in claims)
        {
            await GiveBackAsync(claim.Row);
        }
    }

    private static TableEntity NewClaim(string partition, string webhookId, string holder, string scope, long dataId, DateTimeOffset now) => new(partition, webhookId)
    {
        ["Scope"] = scope,
        ["DataId"] = dataId,
        ["ReceivedAt"] = now,
        ["State"] = Acting,
        ["Holder"] = holder,
        ["ActingUntil"] = now + ActingLease,
    };

    /// <summary>The claimed row (with its ETag), or null when another copy acted or is acting.</summary>
    private async Task<TableEntity?> ClaimAsync(string partition, string webhookId, string holder, string scope, long dataId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = NewClaim(partition, webhookId, holder, scope, dataId, now);
        try
        {
            var added = await Table.AddEntityAsync(row, cancellationToken);
            row.ETag = added.Headers.ETag ?? default;
            return row;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Taken already. Take back this copy's own claim (a retry after a crash or a failed give-back), or take over one
            // left standing past its lease; any other claim's holder is still on its way, and a done one needs nothing more.
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, webhookId, cancellationToken: cancellationToken);
            if (!existing.HasValue || existing.Value!.GetString("State") != Acting
                || (existing.Value.GetString("Holder") != holder && (existing.Value.GetDateTimeOffset("ActingUntil") is not { } until || until > now)))
            {
                return null;
            }

            try
            {
                var updated = await Table.UpdateEntityAsync(row, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                row.ETag = updated.Headers.ETag ?? default;
                return row;
            }
            catch (RequestFailedException lost) when (lost.Status == 412)
            {
                return null;
            }
        }
    }

    /// <summary>Best effort: a claim left "acting" lapses after <see cref="ActingLease"/>, and a later copy acts again, which is harmless.</summary>
    private async Task MarkDoneAsync(TableEntity claim)
    {
        try
        {
            claim["State"] = Done;
            await Table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            // Not thrown: the work is done and queued, and failing now would make BigCommerce send it again. But said.
            logger.LogWarning(ex, "Receipt of webhook {WebhookId} for store {StoreHash} not marked done; a copy arriving after {Lease} will be acted on again",
                claim.RowKey, StoreOf(claim.PartitionKey), ActingLease);
        }
    }

    /// <summary>The work failed: the row goes, so BigCommerce's retry is acted on rather than taken for a duplicate.</summary>
    private async Task GiveBackAsync(TableEntity claim)
    {
        try
        {
            await Table.DeleteEntityAsync(claim, claim.ETag, CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Claim of webhook {WebhookId} for store {StoreHash} not given back; a retry after {Lease} will be acted on",
                claim.RowKey, StoreOf(claim.PartitionKey), ActingLease);
        }
    }

    /// <summary>BigCommerce retries a delivery for up to 48 hours: an older receipt can no longer stop a repeat.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(3);

    /// <summary>
    /// Enough for a store taking 200,000 callbacks a day with a clean-up every 15 minutes (the order poll's), at 200 table
    /// transactions a run at most.
    /// </summary>
    private const int MaxForgottenPerRun = 20_000;

    /// <summary>How many days before the cutoff's are looked at: a store whose poll stopped that long leaves older days behind.</summary>
    private const int DaysLookedBack = 14;

    /// <summary>
    /// Deletes the store's receipts of the days before <paramref name="cutoff"/>'s (each day's partition whole, read by
    /// key, no scan of what is kept), and, in the store's own partition (receipts without a day), those received before it;
    /// at most <see cref="MaxForgottenPerRun"/> a run, in batches of 100.
    /// </summary>
    public async Task<int> ForgetOlderThanAsync(string storeHash, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var forgotten = await ForgetAsync(TableClient.CreateQueryFilter($"PartitionKey eq {storeHash} and ReceivedAt lt {cutoff}"), MaxForgottenPerRun, cancellationToken);
        var cutoffDay = new DateTimeOffset(cutoff.UtcDateTime.Date, TimeSpan.Zero);
        for (var day = cutoffDay.AddDays(-DaysLookedBack); day < cutoffDay && forgotten < MaxForgottenPerRun; day = day.AddDays(1))
        {
            forgotten += await ForgetAsync(
                TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(storeHash, day)}"), MaxForgottenPerRun - forgotten, cancellationToken);
        }

        return forgotten;
    }

    private async Task<int> ForgetAsync(string filter, int most, CancellationToken cancellationToken)
    {
        var old = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            old.Add(row);
            if (old.Count >= most)
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

/// <summary>A receipt claimed for a callback (see <see cref="WebhookReceipts.ClaimAllAsync"/>): its row, with the ETag that marks it done.</summary>
public sealed class WebhookClaim(TableEntity row)
{
    internal TableEntity Row { get; } = row;

    public string WebhookId => Row.RowKey;
}
