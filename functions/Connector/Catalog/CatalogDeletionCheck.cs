using Connector.Hosting;
using Connector.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Catalog;

/// <summary>
/// The safety net behind the deletion webhook: the poll cannot see a deleted product, so a <c>store/product/deleted</c>
/// event lost for good (the connector down past BigCommerce's retries, a hook deactivated, a message given back while the
/// flow was off) would leave the product in the back office. Every <see cref="CatalogPollOptions.DeletionCheckInterval"/>
/// the store's product ids are read by id (a page of ids per 250 products) beside the ledger's rows in the same order; a
/// product the ledger knows and BigCommerce no longer lists gets a <c>products</c> message, whose worker reads it and, on
/// BigCommerce's 404, delivers the deletion (so a product listed late is read, not deleted). Ids are never reused, so the
/// two ordered lists are compared a page at a time without holding the catalog. A large catalog's check goes on over
/// several runs from where it stopped.
/// </summary>
public sealed class CatalogDeletionCheck(
    BigCommerce.BigCommerceCatalogClient bigCommerce,
    DeletionChecks checks,
    ProductLedger ledger,
    WorkQueue queue,
    IOptions<CatalogPollOptions> options,
    TimeProvider clock,
    ILogger<CatalogDeletionCheck> logger)
{
    public sealed record Result(bool Ran, int Pages, long Checked, int Gone, bool More);

    public static readonly Result NotDue = new(false, 0, 0, 0, false);

    /// <summary>Runs (or goes on with) the store's check when one is under way or due, for at most <see cref="CatalogPollOptions.DeletionCheckPagesPerRun"/> pages.</summary>
    /// <param name="importCompletedAt">The first check is due one interval after the initial import, which read every product then.</param>
    public async Task<Result> RunIfDueAsync(string storeHash, DateTimeOffset importCompletedAt, string correlationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var progress = await checks.FindAsync(storeHash, cancellationToken);
        if (progress?.IsUnderway != true)
        {
            var last = progress?.StartedAt ?? importCompletedAt;
            if (now - last < options.Value.DeletionCheckInterval)
            {
                return NotDue;
            }

            await checks.ChangeAsync(storeHash, p =>
            {
                p.StartedAt = now;
                p.CheckedUpToId = 0;
                p.Checked = 0;
                p.Gone = 0;
            }, cancellationToken);
            logger.LogInformation("Catalog deletion check of store {StoreHash} starts", storeHash);
        }

        var underway = progress?.IsUnderway == true;
        var after = underway ? progress!.CheckedUpToId!.Value : 0;
        var (checkedSoFar, goneSoFar) = underway ? (progress!.Checked, progress.Gone) : (0L, 0);
        var pages = 0;
        var more = true;
        while (more && pages < options.Value.DeletionCheckPagesPerRun)
        {
            var ids = await bigCommerce.ListProductIdsAsync(storeHash, after, options.Value.PageSize, cancellationToken);
            pages++;
            more = ids.Count >= options.Value.PageSize;
            // The last page covers every id above it too: BigCommerce has none there.
            var upTo = more ? ids[^1] : long.MaxValue;
            var listed = ids.ToHashSet();
            await foreach (var entry in ledger.RangeAsync(storeHash, after, upTo, cancellationToken))
            {
                checkedSoFar++;
                var id = long.Parse(entry.RowKey, System.Globalization.CultureInfo.InvariantCulture);
                if (listed.Contains(id) || entry.IsSettled(ProductLedgerEntry.DeletionVersion))
                {
                    continue;
                }

                await queue.SendAsync(QueueNames.Products, new ProductMessage(storeHash, id, null, ProductMessage.DeletionCheck, correlationId), cancellationToken);
                goneSoFar++;
                logger.LogInformation("Product {ProductId} of store {StoreHash} is no longer listed by BigCommerce: queued to deliver its deletion", id, storeHash);
            }

            // Only once this page's missing products are queued may the check move past them.
            var (reached, finished, total, gone) = (upTo, !more, checkedSoFar, goneSoFar);
            await checks.ChangeAsync(storeHash, p =>
            {
                p.CheckedUpToId = finished ? null : reached;
                p.Checked = total;
                p.Gone = gone;
                if (finished)
                {
                    p.CompletedAt = clock.GetUtcNow();
                    p.LastChecked = total;
                    p.LastGone = gone;
                }
            }, cancellationToken);
            after = reached;
        }

        logger.LogInformation("Catalog deletion check of store {StoreHash}: {Pages} pages read, {Checked} products compared so far, {Gone} gone{More}",
            storeHash, pages, checkedSoFar, goneSoFar, more ? "; more to read, continued" : "; complete");
        return new Result(true, pages, checkedSoFar, goneSoFar, more);
    }
}
