using System.Globalization;
using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Inventory;

/// <summary>
/// One store's inventory scan: pull its locations, stream the store's ledger into a compact <see cref="LedgerBaseline"/>
/// (what each SKU and location was last pushed as), walk the back office's feed page by page (the next page is read
/// while this one's messages go out), and enqueue one message per SKU whose quantity changed, many at once. Neither the
/// ledger's rows nor the feed's pages are held beyond the one in hand. A page that fails or is malformed stops the scan
/// (recorded on the SyncCursors <c>inventory</c> row, then rethrown so the queue retries); what was enqueued stays.
/// </summary>
public sealed class InventorySyncJob(
    StoreSettings settings,
    BackOfficeClient backOffice,
    BigCommerceInventoryClient bigCommerce,
    InventoryLedger ledger,
    SyncCursors cursors,
    SkuAttentionIndex attention,
    WorkQueue queue,
    TimeProvider clock,
    ILogger<InventorySyncJob> logger)
{
    private const int MaxReported = 10;

    /// <summary>Messages sent at once: each is one small request to the queue service, so a page's 500 go out in a few rounds.</summary>
    private const int ParallelSends = 64;

    public async Task RunAsync(StoreConnection store, string correlationId, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        var started = clock.GetUtcNow();
        var options = await settings.GetInventorySettingsAsync(storeHash, cancellationToken);
        if (!options.Enabled)
        {
            logger.LogInformation("Inventory flow of store {StoreHash} is off", storeHash);
            return;
        }

        var force = options.ResyncRequestedAt is not null;
        var only = options.OnlySkus.Count == 0 ? null : new HashSet<string>(options.OnlySkus, StringComparer.Ordinal);
        var locations = options.PullLocations ? await bigCommerce.ListLocationsAsync(storeHash, cancellationToken) : [];
        var known = await ReadBaselineAsync(storeHash, cancellationToken);

        var seen = new SeenSkus();
        var problems = new List<string>();
        int pages = 0, items = 0, enqueued = 0, unchanged = 0;
        try
        {
            var reading = ReadPageAsync(storeHash, null, correlationId, cancellationToken);
            string? cursor;
            do
            {
                var (page, readAt) = await reading;
                pages++;
                items += page.Items.Count + page.Rejected.Count;
                problems.AddRange(page.Rejected);
                cursor = page.NextCursor;
                if (cursor is not null)
                {
                    reading = ReadPageAsync(storeHash, cursor, correlationId, cancellationToken);
                }

                var messages = new List<InventoryMessage>();
                foreach (var (sku, wanted) in Collect(page.Items, only, options, locations, seen, problems))
                {
                    var changed = known.Changes(sku, wanted, force);
                    if (changed.Count == 0)
                    {
                        unchanged++;
                        continue;
                    }

                    messages.Add(new InventoryMessage(storeHash, sku, changed, readAt, correlationId, force));
                }

                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken },
                    async (message, ct) =>
                    {
                        await queue.SendAsync(QueueNames.Inventory, message, ct);
                        Interlocked.Increment(ref enqueued);
                    });
            }
            while (cursor is not null);
        }
        catch (Exception ex) when (ex is InventoryFeedException or BackOfficeUnavailableException)
        {
            var failed = $"failed on page {pages + 1}: {ex.Message}; {enqueued} SKUs enqueued before it; retried by the queue" + Problems(problems);
            await cursors.RecordRunAsync(storeHash, SyncCursors.InventoryFlow, started, failed, cancellationToken);
            logger.LogWarning("Inventory scan of store {StoreHash} {Result}", storeHash, failed);
            throw;
        }

        if (options.ResyncRequestedAt is { } handled)
        {
            await settings.ClearInventoryResyncAsync(storeHash, handled, cancellationToken);
        }

        var result = string.Create(CultureInfo.InvariantCulture,
            $"ok: {pages} pages, {items} items, {enqueued} SKUs enqueued, {unchanged} unchanged{(force ? " (forced resync)" : "")}") + Problems(problems);
        await cursors.RecordRunAsync(storeHash, SyncCursors.InventoryFlow, started, result, cancellationToken);
        if (problems.Count > 0)
        {
            logger.LogWarning("Inventory scan of store {StoreHash}: {Result}", storeHash, result);
        }
        else
        {
            logger.LogInformation("Inventory scan of store {StoreHash}: {Result}", storeHash, result);
        }
    }

    /// <summary>One feed page, and when it was read (the time its SKUs' claims carry: newest read wins).</summary>
    private async Task<(InventoryFeedPage Page, DateTimeOffset ReadAt)> ReadPageAsync(
        string storeHash, string? cursor, string correlationId, CancellationToken cancellationToken)
    {
        var page = await backOffice.ReadInventoryPageAsync(storeHash, cursor, correlationId, cancellationToken);
        return (page, clock.GetUtcNow());
    }

    /// <summary>
    /// Groups a page's items by SKU with their BigCommerce location. A SKU and location met twice in one scan is
    /// ambiguous: the repeat is refused (within a page, every occurrence is) and reported.
    /// </summary>
    public static Dictionary<string, Dictionary<long, int>> Collect(
        IReadOnlyList<FeedItem> items, ISet<string>? only, InventorySettings options, IReadOnlyList<StoreLocation> locations,
        SeenSkus seen, List<string> problems)
    {
        var result = new Dictionary<string, Dictionary<long, int>>(StringComparer.Ordinal);
        var duplicatedHere = new HashSet<(string, long)>();
        foreach (var item in items)
        {
            if (only is not null && !only.Contains(item.Sku))
            {
                continue;
            }

            if (LocationMapping.Resolve(item.Location, options, locations) is not { } location)
            {
                problems.Add($"SKU {item.Sku}: location '{item.Location}' is not mapped to a BigCommerce location");
                continue;
            }

            if (!seen.Add(item.Sku, location))
            {
                problems.Add($"SKU {item.Sku}: listed more than once for location {location}; not pushed");
                duplicatedHere.Add((item.Sku, location));
                continue;
            }

            if (!result.TryGetValue(item.Sku, out var perLocation))
            {
                result[item.Sku] = perLocation = [];
            }

            perLocation[location] = item.Quantity;
        }

        foreach (var (sku, location) in duplicatedHere)
        {
            if (result.TryGetValue(sku, out var perLocation) && perLocation.Remove(location) && perLocation.Count == 0)
            {
                result.Remove(sku);
            }
        }

        return result;
    }

    private static string Problems(List<string> problems) =>
        problems.Count == 0 ? "" : $"; {problems.Count} rejected: " + string.Join("; ", problems.Take(MaxReported)) + (problems.Count > MaxReported ? "; …" : "");

    /// <summary>
    /// The store's ledger, streamed into a <see cref="LedgerBaseline"/>. A ledger from before the <see cref="SkuAttentionIndex"/>:
    /// its SKUs needing attention are copied there once, while the rows go by anyway, for the app's page.
    /// </summary>
    private async Task<LedgerBaseline> ReadBaselineAsync(string storeHash, CancellationToken cancellationToken)
    {
        var indexed = (await cursors.FindAsync(storeHash, SyncCursors.InventoryFlow, cancellationToken))?.AttentionIndexedAt is not null;
        var baseline = new LedgerBaseline();
        var needingAttention = new List<(string Sku, string Status)>();
        await foreach (var entry in ledger.StreamStoreAsync(storeHash, cancellationToken))
        {
            baseline.Add(entry);
            if (!indexed && SkuAttentionIndex.NeedsAttention(entry.Status))
            {
                needingAttention.Add((entry.Sku, entry.Status));
            }
        }

        if (!indexed)
        {
            foreach (var (sku, status) in needingAttention)
            {
                await attention.SyncAsync(storeHash, sku, null, status, cancellationToken);
            }

            await cursors.RecordAttentionIndexedAsync(storeHash, SyncCursors.InventoryFlow, clock.GetUtcNow(), cancellationToken);
        }

        return baseline;
    }
}
