using System.Globalization;
using Connector.BackOffice;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>
/// One store's read of the back office's shipments feed: from the store's saved cursor, page by page, one
/// <c>shipments</c> message per record; the cursor moves only once a page's records are queued, so a crash reads the
/// page again (the records' ids make that harmless). A refused record is reported and the rest goes on; a page that
/// fails or cannot be trusted stops the run where it is (recorded on the SyncCursors <c>shipments</c> row, rethrown so
/// the queue retries). Then, when the store pulls BigCommerce's shipments, <see cref="BigCommerceShipmentPoll"/>: the
/// safety net under the shipment webhooks.
/// </summary>
public sealed class ShipmentSyncJob(
    StoreSettings settings,
    BackOfficeClient backOffice,
    SyncCursors cursors,
    WorkQueue queue,
    BigCommerceShipmentPoll bigCommerceShipments,
    TimeProvider clock,
    ILogger<ShipmentSyncJob> logger)
{
    public const int PageSize = 100;

    /// <summary>A run reads at most this many pages; the next run goes on from there (the cursor is saved per page).</summary>
    public const int MaxPagesPerRun = 200;

    private const int MaxReported = 10;

    public async Task RunAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var options = await settings.GetShipmentSettingsAsync(store.StoreHash, cancellationToken);
        if (!options.Enabled && !options.PullBigCommerceShipments)
        {
            logger.LogInformation("Shipments flow of store {StoreHash} is off", store.StoreHash);
            return;
        }

        if (options.Enabled)
        {
            await ReadFeedAsync(store, correlationId, cancellationToken);
        }

        // After the feed: a shipment the feed's records make is then on the ledger before the poll could see it.
        if (options.PullBigCommerceShipments)
        {
            await bigCommerceShipments.RunAsync(store, correlationId, cancellationToken);
        }
    }

    /// <summary>The back office's feed, from the saved cursor; see the class summary.</summary>
    private async Task ReadFeedAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        var started = clock.GetUtcNow();

        var cursor = (await cursors.FindAsync(storeHash, SyncCursors.ShipmentsFlow, cancellationToken))?.FeedCursor;
        var problems = new List<string>();
        int pages = 0, queued = 0;
        bool more;
        try
        {
            do
            {
                var page = ShipmentFeedParser.Parse(
                    await backOffice.ReadFeedPageAsync("shipments", storeHash, cursor, PageSize, correlationId, cancellationToken), storeHash);
                pages++;
                problems.AddRange(page.Refused.Select(r => r.ToString()));
                foreach (var record in page.Records)
                {
                    await queue.SendAsync(QueueNames.Shipments, ShipmentMessage.Of(record, correlationId, "feed"), cancellationToken);
                    queued++;
                }

                await cursors.SetFeedCursorAsync(storeHash, SyncCursors.ShipmentsFlow, page.NextCursor, cancellationToken);
                cursor = page.NextCursor;
                more = page.HasMore;
            }
            while (more && pages < MaxPagesPerRun);
        }
        catch (BackOfficeFeedRefusedException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound && pages == 0)
        {
            // A back office without the feed pushes its shipments, or has none: nothing to retry.
            await cursors.RecordRunAsync(storeHash, SyncCursors.ShipmentsFlow, started,
                "no shipments feed: the back office answered 404 (shipments arrive only if it pushes them)", cancellationToken);
            logger.LogInformation("The back office has no shipments feed for store {StoreHash} (404)", storeHash);
            return;
        }
        catch (Exception ex) when (ex is ShipmentFeedException or BackOfficeUnavailableException or BackOfficeFeedRefusedException)
        {
            var failed = $"failed on page {pages + 1}: {ex.Message}; {queued} records queued before it; retried by the queue" + Problems(problems);
            await cursors.RecordRunAsync(storeHash, SyncCursors.ShipmentsFlow, started, failed, cancellationToken);
            logger.LogWarning("Shipments feed of store {StoreHash} {Result}", storeHash, failed);
            throw;
        }

        var result = string.Create(CultureInfo.InvariantCulture, $"ok: {pages} pages, {queued} records queued{(more ? " (more left for the next run)" : "")}")
                     + Problems(problems);
        await cursors.RecordRunAsync(storeHash, SyncCursors.ShipmentsFlow, started, result, cancellationToken);
        if (problems.Count > 0)
        {
            logger.LogWarning("Shipments feed of store {StoreHash}: {Result}", storeHash, result);
        }
        else
        {
            logger.LogInformation("Shipments feed of store {StoreHash}: {Result}", storeHash, result);
        }
    }

    private static string Problems(List<string> problems) =>
        problems.Count == 0 ? "" : $"; {problems.Count} refused: " + string.Join("; ", problems.Take(MaxReported)) + (problems.Count > MaxReported ? "; …" : "");
}
