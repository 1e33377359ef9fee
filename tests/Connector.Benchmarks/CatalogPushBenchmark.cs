using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Connector.Catalog;
using Connector.CatalogPush;
using Connector.Storage;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Puts N changes in the back office's catalog-changes feed (a price for each SKU), for products with <c>variants</c>
/// variants each (every SKU changed: the product's own and its variants'; 0: simple products), turns the store's push on,
/// runs it once, and reports how fast every change is written and what it cost in BigCommerce calls per change: lookups
/// by SKU (50 a call) and batch writes (10 products, 50 variants a call).
/// </summary>
public static class CatalogPushBenchmark
{
    public static async Task RunAsync(int changes, int variants, int quota, int windowMs)
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
            var skus = await CatalogAsync(system, changes, variants);
            var at = DateTimeOffset.UtcNow;
            await system.Admin.AppendCatalogChangesAsync(system.StoreHash,
                skus.Select((sku, i) => (object)new JsonObject { ["sku"] = sku, ["changed_at"] = at.ToString("O"), ["price"] = 20m + (i % 50) }));
            await system.ChangeCatalogSettingsAsync(s => s with { PushEnabled = true });
            await system.Admin.ResetStatsAsync();
            Console.WriteLine($"{skus.Count} catalog changes ({(variants == 0 ? "simple products" : $"products with {variants} variants, every SKU")}); quota {quota} per {windowMs} ms");

            var cost = ProcessCost.Start();
            var clock = Stopwatch.StartNew();
            await system.RunCatalogPushAsync();
            var ledger = system.Service<ConnectorStorage>().Table(TableNames.CatalogPush);
            int written;
            var lastReport = TimeSpan.Zero;
            while ((written = await WrittenAsync(ledger, system.StoreHash)) < skus.Count)
            {
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = clock.Elapsed;
                    Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {written} changes written");
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new TimeoutException($"Only {written} of {skus.Count} changes written after 30 minutes.");
                }

                await Task.Delay(250);
            }

            var elapsed = clock.Elapsed;
            var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
            var calls = stats["requests"]!.GetValue<int>();
            long Endpoint(string name) => stats["byEndpoint"]?[name]?.GetValue<long>() ?? 0;
            var perChange = (double)calls / skus.Count;
            // BigCommerce's Standard plan: 150 requests per 30 s, 18,000 an hour; the calls per change bound the changes an hour.
            var atStandard = 18_000 / perChange;
            Console.WriteLine();
            Console.WriteLine("| changes | SKUs | quota | elapsed | changes/hour (this window) | BigCommerce calls/change | lookups | product PUTs | variant PUTs | 429s | changes/hour at Standard (150 per 30 s) |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {skus.Count} | {(variants == 0 ? "simple" : $"{variants} variants")} | {quota} per {windowMs / 1000.0:0.#} s | {elapsed.TotalSeconds:F1} s | {skus.Count / elapsed.TotalHours:N0} | {perChange:F4} | {Endpoint("GET /v3/catalog/variants") + Endpoint("GET /v3/catalog/products")} | {Endpoint("PUT /v3/catalog/products")} | {Endpoint("PUT /v3/catalog/variants")} | {stats["rateLimited"]!.GetValue<int>()} | {atStandard:N0} |"));
            Console.WriteLine();
            Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
            Console.WriteLine(cost.Report(skus.Count, 1_000, "changes"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>The SKUs to change: products with their variants (the product's own SKU and each variant's), or simple products.</summary>
    private static async Task<List<string>> CatalogAsync(ConnectorSystem system, int changes, int variants)
    {
        if (variants == 0)
        {
            var simple = Enumerable.Range(1, changes).Select(i => $"BENCH-{i:D6}").ToList();
            foreach (var chunk in simple.Chunk(5_000))
            {
                await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, chunk);
            }

            return simple;
        }

        var products = (changes + variants) / (variants + 1);
        await system.Admin.CreateProductsAsync(system.StoreHash, products, variants);
        return [.. (await system.Admin.ProductsAsync(system.StoreHash))
            .SelectMany(p => p["variants"]!.AsArray().Select(v => v!.GetValue<string>()).Prepend(p["sku"]!.GetValue<string>()))
            .Take(changes)];
    }

    private static async Task<int> WrittenAsync(TableClient ledger, string storeHash)
    {
        var written = 0;
        await foreach (var row in ledger.QueryAsync<TableEntity>(e => e.PartitionKey == storeHash, select: ["Status"]))
        {
            written += row.GetString("Status") is CatalogPushStatus.Written or CatalogPushStatus.Refused ? 1 : 0;
        }

        return written;
    }
}
