using System.Diagnostics;
using System.Globalization;
using Connector.Inventory;

namespace Connector.Benchmarks;

/// <summary>
/// What the inventory scan holds for a catalogue of N SKUs, without storage or HTTP: the ledger's rows go by one at a
/// time into a <see cref="LedgerBaseline"/> (as InventoryLedger.StreamStoreAsync hands them), then every SKU of the feed
/// is compared and marked seen (<see cref="SeenSkus"/>), a page of 500 at a time. Reports the managed heap those two keep
/// and the process's peak working set, to size the scan of 1,000,000 SKUs that the end-to-end benchmark cannot reach
/// in reasonable time.
/// </summary>
public static class ScanMemoryBenchmark
{
    /// <param name="rows">True: hold the rows themselves, as the scan did before the baseline (for comparison).</param>
    public static void Run(int skus, bool rows)
    {
        if (rows)
        {
            RunHoldingRows(skus);
            return;
        }

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var clock = Stopwatch.StartNew();
        var baseline = new LedgerBaseline();
        for (var i = 0; i < skus; i++)
        {
            var row = new InventoryEntry { Sku = Sku(i), Status = nameof(InventoryStatus.Pushed) };
            row.SetPushed(new Dictionary<long, int> { [1] = i % 50 });
            baseline.Add(row);
        }

        var seen = new SeenSkus();
        var changed = 0;
        for (var page = 0; page < skus; page += 500)
        {
            for (var i = page; i < Math.Min(skus, page + 500); i++)
            {
                var sku = Sku(i);
                seen.Add(sku, 1);
                changed += baseline.Changes(sku, new Dictionary<long, int> { [1] = 1 + (i % 50) }, force: false).Count;
            }
        }

        var elapsed = clock.Elapsed;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(baseline);
        GC.KeepAlive(seen);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scan structures for {skus:N0} SKUs (one location each, {changed:N0} changed): {(heapAfter - heapBefore) / (1024.0 * 1024):F1} MB kept on the managed heap ({(double)(heapAfter - heapBefore) / skus:F0} bytes per SKU), {elapsed.TotalSeconds:F1} s, process peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB"));
    }

    private static void RunHoldingRows(int skus)
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var all = new Dictionary<string, InventoryEntry>(StringComparer.Ordinal);
        for (var i = 0; i < skus; i++)
        {
            var sku = Sku(i);
            var row = new InventoryEntry
            {
                PartitionKey = "store", RowKey = sku, Sku = sku, Status = nameof(InventoryStatus.Pushed), PushedAt = DateTimeOffset.UtcNow,
                ETag = new Azure.ETag("W/\"datetime'2026-11-29T03%3A00%3A00.0000000Z'\""), Timestamp = DateTimeOffset.UtcNow,
            };
            row.SetPushed(new Dictionary<long, int> { [1] = i % 50 });
            row.SetClaims(new Dictionary<long, Claim> { [1] = new(DateTimeOffset.UtcNow, i % 50) });
            all[sku] = row;
        }

        var seen = new HashSet<(string, long)>();
        for (var i = 0; i < skus; i++)
        {
            seen.Add((Sku(i), 1));
        }

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(all);
        GC.KeepAlive(seen);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"the rows held as before, for {skus:N0} SKUs: {(heapAfter - heapBefore) / (1024.0 * 1024):F1} MB on the managed heap ({(double)(heapAfter - heapBefore) / skus:F0} bytes per SKU)"));
    }

    private static string Sku(int i) => string.Create(CultureInfo.InvariantCulture, $"BENCH-{i:0000000}");
}
