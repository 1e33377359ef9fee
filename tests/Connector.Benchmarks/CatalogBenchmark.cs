using System.Diagnostics;
using System.Globalization;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Creates N products (2 variants each) in the sandbox, turns the store's catalog flow on and runs the catalog poll once
/// (the initial import), then reports how fast every product reaches the back office and what it cost in BigCommerce
/// calls per product pulled (the list page carries each product with its variants and custom fields).
/// </summary>
public static class CatalogBenchmark
{
    public static async Task RunAsync(int products, int quota, int windowMs)
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
            for (var made = 0; made < products; made += 10_000)
            {
                await system.Admin.CreateProductsAsync(system.StoreHash, Math.Min(10_000, products - made));
            }

            await system.SetCatalogPullAsync(true);
            await system.Admin.ResetStatsAsync();
            Console.WriteLine($"{products} products (2 variants each) imported; quota {quota} per {windowMs} ms");
            var cost = ProcessCost.Start();
            var clock = Stopwatch.StartNew();
            await system.RunCatalogPollAsync();
            int received;
            var lastReport = TimeSpan.Zero;
            while ((received = (await system.Admin.ProductsReceivedAsync(system.StoreHash))["products"]!.AsArray().Count) < products)
            {
                if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
                {
                    lastReport = clock.Elapsed;
                    Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {received} products in the back office");
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(30))
                {
                    throw new TimeoutException($"Only {received} of {products} products delivered after 30 minutes.");
                }

                await Task.Delay(250);
            }

            var elapsed = clock.Elapsed;
            var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
            var calls = stats["requests"]!.GetValue<int>();
            var lists = stats["byEndpoint"]?["GET /v3/catalog/products"]?.GetValue<long>() ?? 0;
            Console.WriteLine();
            Console.WriteLine("| products | quota | elapsed | products/hour | BigCommerce calls/product | list calls | 429s |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {products} | {quota} per {windowMs / 1000.0:0.#} s | {elapsed.TotalSeconds:F1} s | {products / elapsed.TotalHours:N0} | {(double)calls / products:F4} | {lists} | {stats["rateLimited"]!.GetValue<int>()} |"));
            Console.WriteLine();
            Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
            Console.WriteLine(cost.Report(products, 1_000, "products"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
