using System.Diagnostics;
using System.Globalization;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Pushes a few thousand orders through the whole local pipeline (Azurite, sandbox, LocalHost) at a
/// BigCommerce quota and reports throughput, calls per order, 429s and the share of the quota used.
/// </summary>
public static class OrdersBenchmark
{
    /// <param name="webhooks">Subscribe the store as in production (each poll then reconciles its webhooks); the sandbox sends none, so the poll does all the work.</param>
    /// <param name="tracing">The connector's telemetry on or off (<see cref="TracingOption"/>).</param>
    public static async Task RunAsync(BenchmarkArguments options, bool webhooks = false, TracingOption? tracing = null)
    {
        var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        try
        {
            tracing ??= TracingOption.Parse(null);
            await using var system = await ConnectorSystem.StartAsync(azurite, tracing.Apply(new ConnectorSystemOptions
            {
                Quota = options.Quota,
                WindowMs = options.WindowMs,
                Webhooks = webhooks,
                Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" },
            }));
            if (webhooks)
            {
                await system.Admin.SetWebhookSettingsAsync(enabled: false);
                await system.Admin.ResetStatsAsync(); // the subscriptions made at registration are not the poll's
            }

            await RunAsync(system, options, tracing);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static async Task RunAsync(ConnectorSystem system, BenchmarkArguments options, TracingOption tracing)
    {
        for (var created = 0; created < options.Orders; created += 1000)
        {
            await system.Admin.CreateOrdersAsync(system.StoreHash, Math.Min(1000, options.Orders - created));
        }

        Console.WriteLine($"{options.Orders} orders in the sandbox store; quota {options.Quota} per {options.WindowMs} ms");
        var cost = ProcessCost.Start();
        var clock = Stopwatch.StartNew();
        await system.RunOrderPollAsync();
        var lastReport = TimeSpan.Zero;
        int delivered;
        while ((delivered = (await system.Admin.DeliveriesAsync(system.StoreHash)).Accepted) < options.Orders)
        {
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {delivered} delivered");
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(30))
            {
                throw new TimeoutException($"Only {delivered} of {options.Orders} orders delivered after 30 minutes.");
            }

            await Task.Delay(200);
        }

        var elapsed = clock.Elapsed;
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
        var calls = stats["requests"]!.GetValue<int>();
        var rateLimited = stats["rateLimited"]!.GetValue<int>();
        var windows = elapsed.TotalMilliseconds / options.WindowMs;
        var perMinute = options.Orders / elapsed.TotalMinutes;
        // The same run at the real window: the quota per window is what bounds it.
        var perMinuteAtStandardWindow = perMinute * options.WindowMs / BenchmarkArguments.StandardWindowMs;

        var report = string.Join(Environment.NewLine,
            $"| orders | quota | tracing | elapsed | orders/min | orders/min at a 30 s window | BigCommerce calls/order | 429s | quota used | duplicates |",
            "|---|---|---|---|---|---|---|---|---|---|",
            string.Create(CultureInfo.InvariantCulture,
                $"| {options.Orders} | {options.Quota} per {options.WindowMs / 1000.0:0.#} s | {tracing.Label} | {elapsed.TotalSeconds:F1} s | {perMinute:F0} | {perMinuteAtStandardWindow:F0} | {(double)calls / options.Orders:F3} | {rateLimited} | {calls / (options.Quota * windows):P1} | {deliveries.Orders.Count(o => o.Deliveries > 1)} |"));
        Console.WriteLine();
        Console.WriteLine(report);
        Console.WriteLine();
        Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
        Console.WriteLine(cost.Report(options.Orders, 1000, "orders"));
        if (tracing.On)
        {
            Console.WriteLine($"spans exported (and dropped): {tracing.SpansExported}");
        }
    }
}
