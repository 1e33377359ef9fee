using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Back-office shipments through the whole local pipeline at a BigCommerce quota: the feed read, one message per
/// shipment, each written to BigCommerce. Reports shipments per hour, BigCommerce calls per shipment, 429s and duplicates.
/// </summary>
public static class ShipmentsBenchmark
{
    /// <param name="delivered">
    /// The orders went through the connector first (as in production, where the back office ships what it received), so
    /// each shipment is planned from what the connector holds; off, every shipment reads its order.
    /// </param>
    public static async Task RunAsync(int shipments, int quota, int windowMs, bool delivered)
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
            await RunAsync(system, shipments, quota, windowMs, delivered);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task RunAsync(ConnectorSystem system, int shipments, int quota, int windowMs, bool delivered)
    {
        var orders = new List<long>();
        for (var created = 0; created < shipments; created += 1000)
        {
            orders.AddRange(await system.Admin.CreateOrdersAsync(system.StoreHash, Math.Min(1000, shipments - created), lineItems: 2));
        }

        if (delivered)
        {
            await system.RunOrderPollAsync();
            await WaitAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted, shipments, "orders delivered");
        }

        var records = new List<JsonObject>();
        foreach (var orderId in orders)
        {
            var products = (await system.Admin.GetOrderAsync(system.StoreHash, orderId))["products"]!.AsArray();
            records.Add(SandboxAdmin.ShipmentRecord(system.StoreHash, $"BENCH-{orderId}", orderId,
                items: products.Select(p => (p!["sku"]!.GetValue<string>(), p["quantity"]!.GetValue<int>())), trackingNumber: $"BT{orderId}", carrier: "ups"));
        }

        for (var at = 0; at < records.Count; at += 1000)
        {
            await system.Admin.AppendBackOfficeShipmentsAsync(system.StoreHash, [.. records.Skip(at).Take(1000)]);
        }

        await system.Admin.ResetStatsAsync();
        Console.WriteLine($"{shipments} shipments in the back office's feed; quota {quota} per {windowMs} ms; orders {(delivered ? "delivered first (held facts)" : "never read before")}");
        var clock = Stopwatch.StartNew();
        await system.RunShipmentPollAsync();
        await WaitAsync(async () => (await system.Admin.StoreShipmentsAsync(system.StoreHash)).Count, shipments, "shipments in BigCommerce", clock);
        var elapsed = clock.Elapsed;

        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        var calls = stats["requests"]!.GetValue<int>();
        var rateLimited = stats["rateLimited"]!.GetValue<int>();
        var made = await system.Admin.StoreShipmentsAsync(system.StoreHash);
        var duplicates = made.GroupBy(s => s!["order_id"]!.GetValue<long>()).Count(g => g.Count() > 1);
        var perHour = shipments / elapsed.TotalHours;
        var perHourAtStandardWindow = perHour * windowMs / BenchmarkArguments.StandardWindowMs;
        Console.WriteLine();
        Console.WriteLine("| shipments | orders | quota | elapsed | shipments/h | shipments/h at a 30 s window | BigCommerce calls/shipment | 429s | duplicates |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {shipments} | {(delivered ? "delivered first" : "not read before")} | {quota} per {windowMs / 1000.0:0.#} s | {elapsed.TotalSeconds:F1} s | {perHour:F0} | {perHourAtStandardWindow:F0} | {(double)calls / shipments:F3} | {rateLimited} | {duplicates} |"));
        Console.WriteLine();
        Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
    }

    private static async Task WaitAsync(Func<Task<int>> count, int target, string what, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        int now;
        while ((now = await count()) < target)
        {
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {now} {what}");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"Only {now} of {target} {what} after 30 minutes.");
            }

            await Task.Delay(200);
        }
    }
}
