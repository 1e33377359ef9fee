using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// Webhooks: (1) the latency from an order's creation in the sandbox store to its delivery at the back office, with
/// the sandbox sending BigCommerce's callbacks and no poll; (2) the webhook endpoint's own throughput and latency under
/// a burst of signed callbacks on loopback.
/// </summary>
public static class WebhookBenchmarks
{
    /// <summary>Orders created one by one at a steady rate (under the quota), each timed from creation to the back office.</summary>
    /// <param name="pollingMs">The queue listener's longest idle wait (host.json's <c>maxPollingInterval</c>, 2 s; the tests use 200 ms).</param>
    public static async Task LatencyAsync(int orders, double perSecond, int pollingMs)
    {
        var settings = new Dictionary<string, string>(QuietLogs) { ["extensions:queues:maxPollingInterval"] = TimeSpan.FromMilliseconds(pollingMs).ToString() };
        await WithSystemAsync(new ConnectorSystemOptions { Webhooks = true, Settings = settings }, async system =>
        {
            var createdAt = new Dictionary<long, DateTimeOffset>();
            var pace = TimeSpan.FromSeconds(1 / perSecond);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < orders; i++)
            {
                var at = DateTimeOffset.UtcNow;
                var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
                createdAt[id] = at;
                var next = pace * (i + 1) - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next);
                }
            }

            var deadline = Stopwatch.StartNew();
            BackOfficeDeliveries deliveries;
            while ((deliveries = await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count < orders)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"Only {deliveries.Orders.Count} of {orders} orders delivered.");
                }

                await Task.Delay(200);
            }

            var latencies = deliveries.Deliveries
                .Where(d => createdAt.ContainsKey(d.OrderId))
                .Select(d => (d.FirstReceivedAt!.Value - createdAt[d.OrderId]).TotalMilliseconds)
                .Order().ToList();
            var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
            Console.WriteLine();
            Console.WriteLine("| orders | rate | queue maxPollingInterval | p50 | p95 | p99 | max | polls | duplicates | BigCommerce calls/order |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {orders} | {perSecond:0.#}/s | {pollingMs} ms | {Pct(latencies, 50):F0} ms | {Pct(latencies, 95):F0} ms | {Pct(latencies, 99):F0} ms | {latencies[^1]:F0} ms | 0 | {deliveries.Orders.Count(o => o.Deliveries > 1)} | {(double)stats["requests"]!.GetValue<int>() / orders:F3} |"));
            Console.WriteLine($"calls by endpoint: {stats["byEndpoint"]!.ToJsonString()}");
        });
    }

    /// <summary>A burst of signed order callbacks straight at the endpoint: requests per second and latency percentiles.</summary>
    /// <param name="scope">The event sent; one the connector does not handle (say store/product/inventory/updated) measures the HTTP path and the checks alone, without storage.</param>
    /// <param name="tracing">The connector's telemetry on or off (<see cref="TracingOption"/>).</param>
    /// <param name="workers">Off: no queue is worked while the burst runs (the Functions host's <c>AzureWebJobs.{name}.Disabled</c>), to tell the
    /// endpoint's own latency from the cores and storage it shares with the work behind it; nothing is delivered then.</param>
    public static async Task EndpointAsync(int requests, int concurrency, int distinctOrders, string scope, TracingOption tracing, bool workers = true)
    {
        var settings = new Dictionary<string, string>(QuietLogs);
        if (!workers)
        {
            foreach (var queue in Connector.Hosting.TriggerCatalog.Queues)
            {
                settings[Connector.LocalHost.LocalHostRegistration.DisabledSetting(queue.FunctionName)] = "true";
            }
        }

        // A quota large enough that the queue's work does not slow the store down; the endpoint is what is measured.
        await WithSystemAsync(tracing.Apply(new ConnectorSystemOptions { Quota = 1_000_000, WindowMs = 30_000, Settings = settings }), async system =>
        {
            var ids = new List<long>();
            for (var created = 0; created < distinctOrders; created += 1000)
            {
                ids.AddRange(await system.Admin.CreateOrdersAsync(system.StoreHash, Math.Min(1000, distinctOrders - created)));
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false })
            {
                BaseAddress = system.Connector.BaseAddress,
            };
            var sender = new WebhookSender(http, system.Sandbox.Options.App.ClientSecret);

            // Warm up (JIT, connections, table and queue clients), not measured.
            await BurstAsync(sender, system.StoreHash, ids, Math.Min(500, requests), concurrency, new ConcurrentBag<double>(), new int[1], scope);

            var latencies = new ConcurrentBag<double>();
            var failures = new int[1];
            var cost = ProcessCost.Start();
            var gcAtStart = (Count: GC.CollectionCount(0), Pause: GC.GetTotalPauseDuration());
            var azuriteAtStart = system.Azurite.ProcessorTimes();
            var clock = Stopwatch.StartNew();
            await BurstAsync(sender, system.StoreHash, ids, requests, concurrency, latencies, failures, scope);
            var elapsed = clock.Elapsed;
            var burstCost = cost.Report(requests, 1000, "requests");

            var sorted = latencies.Order().ToList();
            Console.WriteLine();
            Console.WriteLine("| event | requests | concurrency | tracing | elapsed | requests/s | p50 | p95 | p99 | max | non-200 |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scope} | {requests} | {concurrency} | {tracing.Label} | {elapsed.TotalSeconds:F1} s | {requests / elapsed.TotalSeconds:F0} | {Pct(sorted, 50):F1} ms | {Pct(sorted, 95):F1} ms | {Pct(sorted, 99):F1} ms | {sorted[^1]:F1} ms | {failures[0]} |"));
            Console.WriteLine($"during the burst, {burstCost}" + (tracing.On ? $"; {tracing.SpansExported:N0} spans exported by the end" : ""));

            // The process's GC pauses hold every request in flight: a share of the tail that is not storage's.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GC during the burst ({(System.Runtime.GCSettings.IsServerGC ? "Server" : "Workstation")}): {GC.CollectionCount(0) - gcAtStart.Count} collections, {(GC.GetTotalPauseDuration() - gcAtStart.Pause).TotalMilliseconds:F0} ms paused in all"));
            Console.WriteLine("Azurite CPU ms per request: " + string.Join(", ", system.Azurite.ProcessorTimes().Select(p =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Key} {(p.Value - azuriteAtStart.GetValueOrDefault(p.Key)).TotalMilliseconds / requests:F2}"))));
            if (!scope.StartsWith("store/order/", StringComparison.Ordinal) || !workers)
            {
                return;
            }

            // Every callback was for one of a few orders: once the queue drains, each order is in the back office once.
            var drain = Stopwatch.StartNew();
            while ((await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count < ids.Count && drain.Elapsed < TimeSpan.FromMinutes(10))
            {
                await Task.Delay(500);
            }

            var deliveries = await system.Admin.DeliveriesAsync(system.StoreHash);
            Console.WriteLine($"after the queue drained ({drain.Elapsed.TotalSeconds:F0} s): {deliveries.Orders.Count} of {ids.Count} orders delivered, " +
                              $"{deliveries.Orders.Count(o => o.Deliveries > 1)} more than once");
        });
    }

    private static async Task BurstAsync(
        WebhookSender sender, string store, IReadOnlyList<long> ids, int requests, int concurrency, ConcurrentBag<double> latencies, int[] failures, string scope)
    {
        var next = -1;
        // The load generator is BigCommerce, not the connector: its own HTTP calls are not traced (it shares the process).
        using var untraced = OpenTelemetry.SuppressInstrumentationScope.Begin();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var request = sender.Build(WebhookSender.OrderPayload(store, ids[i % ids.Count], scope), store);
                var started = Stopwatch.GetTimestamp();
                using var response = await sender.SendAsync(request);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if ((int)response.StatusCode != 200)
                {
                    Interlocked.Increment(ref failures[0]);
                }
            }
        }));
    }

    private static readonly Dictionary<string, string> QuietLogs = new() { ["Logging:LogLevel:Default"] = "Warning" };

    private static double Pct(IReadOnlyList<double> sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task WithSystemAsync(ConnectorSystemOptions options, Func<ConnectorSystem, Task> run)
    {
        var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        try
        {
            await using var system = await ConnectorSystem.StartAsync(azurite, options);
            await run(system);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
