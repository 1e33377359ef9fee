using System.Diagnostics;
using System.Globalization;
using Connector.Orders;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Changes the stock of N SKUs in the sandbox back office, runs the hourly push once and reports how fast
/// the changed SKUs reach BigCommerce at a quota, with calls per SKU and 429s; <c>batch</c> chooses between one
/// absolute adjustment per SKU and the SKUs processed at the same moment sharing one (Connector:Inventory:BatchWrites).
/// </summary>
public static class InventoryBenchmark
{
    public static async Task RunAsync(int skus, int quota, int windowMs, bool batch)
    {
        var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        try
        {
            await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
            {
                Quota = quota,
                WindowMs = windowMs,
                Settings = new Dictionary<string, string>
                {
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["Connector:Inventory:BatchWrites"] = batch ? "true" : "false",
                },
            });
            var names = Enumerable.Range(1, skus).Select(i => $"BENCH-{i:00000}").ToList();
            await system.Admin.SeedCatalogAsync(system.StoreHash, names);
            await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, names.Select((s, i) => (s, 1 + (i % 50))));
            await system.Admin.ResetStatsAsync();

            Console.WriteLine($"{skus} changed SKUs in the back office; quota {quota} per {windowMs} ms; batched writes {(batch ? "on" : "off")}");
            var cost = ProcessCost.Start();
            var azuriteAtStart = azurite.ProcessorTimes();
            var clock = Stopwatch.StartNew();
            await system.RunInventoryPushAsync();
            long written;
            var lastReport = TimeSpan.Zero;
            TimeSpan? scanned = null;
            var cursors = system.Service<SyncCursors>();
            while ((written = (await system.Admin.InventoryStatsAsync(system.StoreHash))["itemsWritten"]!.GetValue<long>()) < skus)
            {
                // Where the time goes: the scan (ledger, feed pages, one message per SKU) against the queue's work behind it.
                if (scanned is null && (await cursors.FindAsync(system.StoreHash, SyncCursors.InventoryFlow, CancellationToken.None))?.LastResult is { } result)
                {
                    scanned = clock.Elapsed;
                    Console.WriteLine($"  scan done at {scanned.Value.TotalSeconds:F1} s ({written} SKUs written by then): {result}");
                }

                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = clock.Elapsed;
                    Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {written} SKUs written");
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new TimeoutException($"Only {written} of {skus} SKUs written after 30 minutes.");
                }

                await Task.Delay(200);
            }

            var elapsed = clock.Elapsed;
            var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
            var calls = stats["requests"]!.GetValue<int>();
            var rateLimited = stats["rateLimited"]!.GetValue<int>();
            var adjustments = (await system.Admin.CallsByEndpointAsync(system.StoreHash))("PUT /v3/inventory/adjustments/absolute");
            var windows = elapsed.TotalMilliseconds / windowMs;
            var perHour = skus / elapsed.TotalHours;
            // Scaling to the real window holds only while the quota is what bounds the run (quota used near 100 %).
            var perHourAtStandardWindow = perHour * windowMs / BenchmarkArguments.StandardWindowMs;
            Console.WriteLine();
            Console.WriteLine("| mode | SKUs | quota | elapsed | SKUs/hour measured | SKUs/hour scaled to a 30 s window | BigCommerce calls/SKU | SKUs per adjustment | 429s | quota used |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(batch ? "batched" : "one per SKU")} | {skus} | {quota} per {windowMs / 1000.0:0.#} s | {elapsed.TotalSeconds:F1} s | {perHour:N0} | {perHourAtStandardWindow:N0} | {(double)calls / skus:F3} | {(double)skus / adjustments:F1} | {rateLimited} | {calls / (quota * windows):P1} |"));
            Console.WriteLine();
            Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
            Console.WriteLine(cost.Report(skus, 100_000, "SKUs"));
            Console.WriteLine("Azurite CPU s per 100,000 SKUs: " + string.Join(", ", azurite.ProcessorTimes().Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Key} {(p.Value - azuriteAtStart.GetValueOrDefault(p.Key)).TotalSeconds * 100_000 / skus:F0}"))));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
