using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Catalog;

/// <summary>
/// One store's catalog poll, which on the store's first run is its initial import: every product modified since the
/// watermark (less an overlap; since the beginning when there is none), oldest change first, one <c>products</c> message
/// per product carrying the version the list page had (variants and custom fields included, so no further read). The
/// watermark moves only after a page is queued, so a crash mid-import resumes from the last page queued; the ledger skips
/// what the overlap brings again. Deletions are not in the list: they come by webhook, or as a 404 when a product is read;
/// once the poll has nothing more to read, the deletion check behind the webhook runs when due (<see cref="CatalogDeletionCheck"/>).
/// </summary>
public sealed class CatalogSyncJob(
    BigCommerce.BigCommerceCatalogClient bigCommerce,
    SyncCursors cursors,
    CatalogImports imports,
    CatalogSettingsStore settings,
    ProductLedger ledger,
    CatalogDeletionCheck deletionCheck,
    WorkQueue queue,
    IOptions<CatalogPollOptions> options,
    TimeProvider clock,
    ILogger<CatalogSyncJob> logger)
{
    public sealed record Result(int Pages, int Seen, int Enqueued, int AlreadyInHand, DateTimeOffset? Watermark, bool Importing, bool More)
    {
        public CatalogDeletionCheck.Result DeletionCheck { get; init; } = CatalogDeletionCheck.NotDue;
    }

    public async Task<Result> RunAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        if (!(await settings.GetAsync(storeHash, cancellationToken)).PullEnabled)
        {
            logger.LogInformation("Catalog flow is off for store {StoreHash}", storeHash);
            return new Result(0, 0, 0, 0, null, false, false);
        }

        var settingsNow = options.Value;
        var cursor = await cursors.FindAsync(storeHash, CatalogPollOptions.Flow, cancellationToken);
        var progress = await imports.FindAsync(storeHash, cancellationToken);
        var importing = progress?.IsComplete != true;
        if (importing)
        {
            var resuming = progress?.StartedAt is not null;
            await imports.ChangeAsync(storeHash, p =>
            {
                p.StartedAt ??= clock.GetUtcNow();
                p.Resumes += resuming ? 1 : 0;
            }, cancellationToken);
            logger.LogInformation("Catalog import of store {StoreHash} {Step} (saved cursor {Watermark})",
                storeHash, resuming ? "resumes" : "starts", cursor?.Watermark);
        }

        var previousWatermark = cursor?.Watermark;
        var request = CatalogPaging.Start(previousWatermark, settingsNow.PollOverlap);
        var seen = new HashSet<(long Id, DateTimeOffset ModifiedAt)>();
        int pages = 0, enqueued = 0, inHand = 0;
        var watermark = previousWatermark;
        var more = true;
        while (pages < settingsNow.MaxPagesPerRun)
        {
            var page = await bigCommerce.ListProductsAsync(storeHash, request.MinModified, request.AfterId, settingsNow.PageSize, cancellationToken);
            pages++;
            var products = page.Products.Where(p => p.DateModified is not null).ToList();
            if (products.Count == 0)
            {
                more = false;
                break;
            }

            var fresh = products.Where(p => seen.Add((p.Id, p.DateModified!.Value))).ToList();
            var (queued, skipped) = await EnqueuePageAsync(storeHash, fresh, previousWatermark, correlationId, cancellationToken);
            enqueued += queued;
            inHand += skipped;

            // Everything up to this page's newest change is queued: only now may the watermark move there.
            var newest = CatalogPaging.Newest(products);
            if (watermark is null || newest > watermark)
            {
                await cursors.AdvanceAsync(storeHash, CatalogPollOptions.Flow, newest, cancellationToken);
                watermark = newest;
            }

            if (importing)
            {
                await imports.ChangeAsync(storeHash, p =>
                {
                    p.Total ??= page.Total;
                    p.Pages++;
                    p.Products += queued;
                }, cancellationToken);
                logger.LogInformation("Catalog import of store {StoreHash}: page {Page} queued {Queued} products (catalog of {Total})",
                    storeHash, pages, queued, page.Total);
            }

            if (CatalogPaging.Next(request, page.Products, settingsNow.PageSize) is not { } next)
            {
                more = false;
                break;
            }

            request = next;
        }

        var importCompletedAt = progress?.CompletedAt;
        if (importing && !more)
        {
            importCompletedAt = clock.GetUtcNow();
            await imports.ChangeAsync(storeHash, p => p.CompletedAt ??= importCompletedAt, cancellationToken);
            logger.LogInformation("Catalog import of store {StoreHash} complete", storeHash);
        }

        var check = !more && importCompletedAt is { } imported
            ? await deletionCheck.RunIfDueAsync(storeHash, imported, correlationId, cancellationToken)
            : CatalogDeletionCheck.NotDue;
        more |= check.More;
        if (more)
        {
            // A big catalog (or backlog) goes on at once in a run of its own rather than waiting for the next timer.
            await queue.SendAsync(QueueNames.StoreSync,
                StoreSyncMessage.Request(storeHash, CatalogPollOptions.Flow, correlationId, clock.GetUtcNow()), cancellationToken);
        }

        var result = new Result(pages, seen.Count, enqueued, inHand, watermark, importing, more) { DeletionCheck = check };
        var checkSaid = check.Ran ? $"; deletion check: {check.Checked} products compared, {check.Gone} gone from BigCommerce{(check.More ? " so far" : "")}" : "";
        await cursors.RecordRunAsync(storeHash, CatalogPollOptions.Flow, clock.GetUtcNow(),
            $"read {result.Seen} products in {result.Pages} pages; queued {result.Enqueued}, already delivered or queued {result.AlreadyInHand}{checkSaid}{(more ? "; more to read, continued" : "")}",
            cancellationToken);
        logger.LogInformation(
            "Catalog poll of store {StoreHash} read {Seen} products in {Pages} pages: queued {Enqueued}, already delivered or queued {InHand}; watermark {Watermark} (correlation {CorrelationId})",
            storeHash, result.Seen, result.Pages, result.Enqueued, result.AlreadyInHand, result.Watermark, correlationId);
        return result;
    }

    private async Task<(int Queued, int InHand)> EnqueuePageAsync(
        string storeHash, IReadOnlyList<BigCommerce.V3Product> products, DateTimeOffset? previousWatermark, string correlationId, CancellationToken cancellationToken)
    {
        int queued = 0, inHand = 0;
        await Parallel.ForEachAsync(products, new ParallelOptions { MaxDegreeOfParallelism = options.Value.EnqueueConcurrency, CancellationToken = cancellationToken },
            async (product, ct) =>
            {
                var version = product.DateModified!.Value;
                // Only products in the overlap (or behind a resumed import's cursor) can already be in hand often enough to be worth a read.
                var entry = previousWatermark is { } mark && version <= mark ? await ledger.FindAsync(storeHash, product.Id, ct) : null;
                if (entry?.IsInHand(version, clock.GetUtcNow()) == true)
                {
                    Interlocked.Increment(ref inHand);
                    return;
                }

                await queue.SendAsync(QueueNames.Products,
                    new ProductMessage(storeHash, product.Id, version, ProductMessage.Poll, correlationId).Carrying(product), ct);
                // After the send: a crash in between only means the next poll queues it again.
                await ledger.MarkQueuedAsync(storeHash, product.Id, version, clock.GetUtcNow(), ct);
                Interlocked.Increment(ref queued);
            });
        return (queued, inHand);
    }
}
