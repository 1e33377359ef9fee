using System.Diagnostics;
using System.Globalization;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Changes the stock of N SKUs in the sandbox back office, runs the hourly push once and reports how fast
/// the changed SKUs reach BigCommerce at a quota, with calls per SKU and 429s (one absolute adjustment per SKU).
/// </summary>
public static class InventoryBenchmark
{
    public static async Task RunAsync(int skus, int quota, int windowMs)
    {
        var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        try
        {
            await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
            {
                Quota = quota,
                WindowMs = windowMs,
                Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" },
            });
            var names = Enumerable.Range(1, skus).Select(i => $"BENCH-{i:00000}").ToList();
            await system.Admin.SeedCatalogAsync(system.StoreHash, names);
            await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, names.Select((s, i) => (s, 1 + (i % 50))));
            await system.Admin.ResetStatsAsync();

            Console.WriteLine($"{skus} changed SKUs in the back office; quota {quota} per {windowMs} ms");
            var clock = Stopwatch.StartNew();
            await system.RunInventoryPushAsync();
            long written;
            var lastReport = TimeSpan.Zero;
            while ((written = (await system.Admin.InventoryStatsAsync(system.StoreHash))["itemsWritten"]!.GetValue<long>()) < skus)
            {
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
            var windows = elapsed.TotalMilliseconds / windowMs;
            var perHourAtStandardWindow = skus / elapsed.TotalHours * windowMs / BenchmarkArguments.StandardWindowMs;
            Console.WriteLine();
            Console.WriteLine("| SKUs | quota | elapsed | SKUs/hour at a 30 s window | BigCommerce calls/SKU | 429s | quota used |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {skus} | {quota} per {windowMs / 1000.0:0.#} s | {elapsed.TotalSeconds:F1} s | {perHourAtStandardWindow:F0} | {(double)calls / skus:F3} | {rateLimited} | {calls / (quota * windows):P1} |"));
            Console.WriteLine();
            Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
