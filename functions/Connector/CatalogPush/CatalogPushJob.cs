using System.Globalization;
using Connector.BackOffice;
using Connector.Catalog;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.CatalogPush;

/// <summary>
/// One store's read of the back office's catalog-changes feed: from the store's saved cursor, page by page, one
/// <c>catalog-push</c> message per change; the cursor moves only once a page's changes are queued, so a crash reads the
/// page again (the ledger's claims make that harmless). A record that cannot be used is refused on the ledger with its
/// reason and the rest goes on. A page whose signature does not verify is not used at all (its cursor cannot be trusted
/// either): it is recorded (run result, and the ledger's feed row the merchant's page lists) and the run stops there, to
/// read it again next time. An outage or a malformed page stops the run the same way and is retried by the queue.
/// </summary>
public sealed class CatalogPushJob(
    CatalogSettingsStore settings,
    BackOfficeClient backOffice,
    SyncCursors cursors,
    CatalogPushLedger ledger,
    WorkQueue queue,
    TimeProvider clock,
    ILogger<CatalogPushJob> logger)
{
    public const string Flow = "catalog-push";
    public const string FeedPath = "catalog-changes";
    public const int PageSize = 100;

    /// <summary>A run reads at most this many pages; the next run goes on from there (the cursor is saved per page).</summary>
    public const int MaxPagesPerRun = 200;

    private const int MaxReported = 10;
    private const int ParallelSends = 64;

    public async Task RunAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        if (!(await settings.GetAsync(storeHash, cancellationToken)).PushEnabled)
        {
            logger.LogInformation("Catalog push of store {StoreHash} is off", storeHash);
            return;
        }

        var started = clock.GetUtcNow();
        var cursor = (await cursors.FindAsync(storeHash, Flow, cancellationToken))?.FeedCursor;
        var problems = new List<string>();
        int pages = 0, queued = 0;
        var more = false;
        string? stoppedBy = null;
        try
        {
            do
            {
                var (body, verified) = await backOffice.ReadSignedFeedPageAsync(FeedPath, storeHash, cursor, PageSize, correlationId, cancellationToken);
                if (!verified)
                {
                    stoppedBy = $"the page after cursor {cursor ?? "(start)"} did not verify its signature; not used, read again at the next run";
                    await ledger.RecordFeedProblemAsync(storeHash, stoppedBy, started, cancellationToken);
                    break;
                }

                var page = CatalogChangeFeedParser.Parse(body);
                pages++;
                problems.AddRange(page.Refused.Select(r => r.ToString()));
                await RefuseAsync(storeHash, page.Refused, cancellationToken);
                await Parallel.ForEachAsync(page.Changes, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
                    async (change, ct) =>
                    {
                        await queue.SendAsync(QueueNames.CatalogPush, new CatalogPushMessage(storeHash, change, correlationId), ct);
                        Interlocked.Increment(ref queued);
                    });

                // Everything on this page is queued: only now may the cursor move past it.
                await cursors.SetFeedCursorAsync(storeHash, Flow, page.NextCursor, cancellationToken);
                cursor = page.NextCursor;
                more = page.HasMore;
            }
            while (more && pages < MaxPagesPerRun);
        }
        catch (BackOfficeFeedRefusedException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound && pages == 0)
        {
            await cursors.RecordRunAsync(storeHash, Flow, started, "no catalog-changes feed: the back office answered 404", cancellationToken);
            logger.LogInformation("The back office has no catalog-changes feed for store {StoreHash} (404)", storeHash);
            return;
        }
        catch (Exception ex) when (ex is CatalogChangeFeedException or BackOfficeUnavailableException or BackOfficeFeedRefusedException)
        {
            var failed = $"failed on page {pages + 1}: {ex.Message}; {queued} changes queued before it; retried by the queue" + Problems(problems);
            await cursors.RecordRunAsync(storeHash, Flow, started, failed, cancellationToken);
            logger.LogWarning("Catalog-changes feed of store {StoreHash} {Result}", storeHash, failed);
            throw;
        }

        if (stoppedBy is null)
        {
            await ledger.ClearFeedProblemAsync(storeHash, cancellationToken);
        }

        var result = string.Create(CultureInfo.InvariantCulture, $"{(stoppedBy is null ? "ok" : "stopped")}: {pages} pages, {queued} changes queued")
                     + (stoppedBy is null ? more ? " (more left for the next run)" : "" : $"; {stoppedBy}") + Problems(problems);
        await cursors.RecordRunAsync(storeHash, Flow, started, result, cancellationToken);
        if (problems.Count > 0 || stoppedBy is not null)
        {
            logger.LogWarning("Catalog-changes feed of store {StoreHash}: {Result}", storeHash, result);
        }
        else
        {
            logger.LogInformation("Catalog-changes feed of store {StoreHash}: {Result}", storeHash, result);
        }
    }

    /// <summary>Records on the ledger the refused records that name a SKU (the others are in the run's result only).</summary>
    private async Task RefuseAsync(string storeHash, IReadOnlyList<RefusedChange> refused, CancellationToken cancellationToken)
    {
        foreach (var refusal in refused.Where(r => r.Sku is not null))
        {
            await ledger.UpdateAsync(storeHash, refusal.Sku!, entry =>
            {
                if (refusal.ChangedAt is { } at && entry.ClaimMap().Values.Any(c => c.ChangedAt > at))
                {
                    return false; // a newer change speaks for the SKU
                }

                if (!entry.SetStatus(CatalogPushStatus.Refused, refusal.ChangedAt ?? clock.GetUtcNow(), $"Not written: {refusal.Reason}", null))
                {
                    return false;
                }

                entry.Attempts++;
                entry.LastAttemptAt = clock.GetUtcNow();
                return true;
            }, cancellationToken);
        }
    }

    private static string Problems(List<string> problems) =>
        problems.Count == 0 ? "" : $"; {problems.Count} refused: " + string.Join("; ", problems.Take(MaxReported)) + (problems.Count > MaxReported ? "; …" : "");
}
