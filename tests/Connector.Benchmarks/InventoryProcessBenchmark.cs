using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Orders;
using Connector.Storage;
using Connector.Testing;
using Connector.Testing.Soak;
using Microsoft.Extensions.DependencyInjection;
using Sandbox;
using Sandbox.BackOffice;
using Sandbox.Inventory;

namespace Connector.Benchmarks;

/// <summary>
/// LocalHost's own memory and CPU while one store's inventory scan covers N changed SKUs: LocalHost runs as a process of
/// its own (the built Connector.LocalHost.dll, Server GC as deployed), the sandbox and Azurite outside it, so its peak
/// working set (the kernel's high-water mark, VmHWM) is the connector's alone. The queue works the messages off meanwhile
/// at the Standard quota, as in production; the run ends when the scan has enqueued every SKU. With processing off
/// (every queue function off but the store sync's, which runs the scan) the scan runs alone: what grows with the catalogue
/// is the scan's, while the processing holds a bounded number of messages in hand. Queuing this many needs the patched
/// Azurite (docs/benchmarks.md, "Azurite's queue, patched": as published, each enqueue cost O(N), and its garbage
/// collector's sweep O(N²) a minute).
/// </summary>
public static class InventoryProcessBenchmark
{
    private const string AdminKey = "inventory-process-admin-key-0123456789";

    public static async Task RunAsync(int skus, int quota, int windowMs, bool processing = true)
    {
        // In memory, with room for a million queued messages: file-backed, Azurite writes its whole database out every few
        // seconds, a pause that grows with the backlog; LocalHost's memory, what this measures, is the same either way.
        var azurite = new AzuriteServer { InMemory = true, HeapMegabytes = 12_288 };
        await azurite.InitializeAsync();
        var store = "mem" + Guid.NewGuid().ToString("N")[..8];
        var token = "token-" + store;
        var signingSecret = "signing-" + Guid.NewGuid().ToString("N");
        var log = Path.Combine(Path.GetTempPath(), $"inventory-process-{store}.log");
        try
        {
            await using var sandbox = await SandboxHost.StartAsync(o =>
            {
                o.BackOffice.SigningSecret = signingSecret;
                o.Stores.Clear();
                o.Stores.Add(new StoreSeedOptions { Hash = store, Token = token, Quota = quota, WindowMs = windowMs });
            }, args: ["--Logging:LogLevel:Default=Warning"]);

            // Straight into the sandbox's services: a million SKUs are more than its admin API takes in one body.
            var names = Enumerable.Range(1, skus).Select(i => $"BENCH-{i:0000000}").ToList();
            var (seeded, error) = sandbox.App.Services.GetRequiredService<InventoryRegistry>().For(store)
                .Seed([.. names.Select(n => new StoreInventory.SkuSeed(n, TrackedBy.Variant, n))], 0);
            _ = seeded ?? throw new InvalidOperationException(error);
            sandbox.App.Services.GetRequiredService<InventoryFeed>()
                .Set(store, [.. names.Select((n, i) => new InventoryFeed.InventoryItem(n, 1 + (i % 50), null))]);
            names = null;

            var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var settings = SandboxConnection.Settings(sandbox, url, signingSecret, AdminKey);
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["LocalHost:LocalSettingsPath"] = "none",
                ["Logging:LogLevel:Default"] = "Warning",
                ["OrderPollSchedule"] = ConnectorSystem.ManualSchedule,
                ["InventoryPushSchedule"] = ConnectorSystem.ManualSchedule,
                ["ShipmentPollSchedule"] = ConnectorSystem.ManualSchedule,
                ["CatalogPollSchedule"] = ConnectorSystem.ManualSchedule,
                ["Webhooks:Enabled"] = "false",
            })
            {
                settings[key] = value;
            }

            // Processing off: no queue is worked but the store sync's, which runs the scan. The idle queues' polls are left
            // out too: Azurite answers each with a pass over every message it holds (the scan's million included), which
            // Azure Storage does not, and which would slow the scan it shares the machine with.
            var idle = processing ? [] : Connector.Hosting.TriggerCatalog.Queues.Where(q => q.QueueName != Connector.Hosting.QueueNames.StoreSync);
            foreach (var queue in idle)
            {
                settings[Connector.LocalHost.LocalHostRegistration.DisabledSetting(queue.FunctionName)] = "true";
            }

            await using var localHost = new LocalHostProcess(settings, url, log);
            await localHost.StartAsync(CancellationToken.None);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
            using (var register = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/stores", UriKind.Relative))
                   {
                       Content = JsonContent.Create(new { storeHash = store, accessToken = token }),
                   })
            {
                register.Headers.Add("X-Admin-Key", AdminKey);
                (await http.SendAsync(register)).EnsureSuccessStatusCode();
            }

            using var process = Process.GetProcessById(localHost.ProcessId ?? throw new InvalidOperationException("LocalHost is not running."));
            process.Refresh();
            var cpuAtStart = process.TotalProcessorTime;
            var peakAtStart = process.PeakWorkingSet64;
            using var sandboxHttp = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
            var admin = new SandboxAdmin(sandboxHttp);
            var cursors = new SyncCursors(new ConnectorStorage(new TableServiceClient(azurite.ConnectionString), new QueueServiceClient(azurite.ConnectionString)));
            Console.WriteLine($"{skus} changed SKUs; processing {(processing ? "on" : "off: the scan alone")}; LocalHost pid {process.Id} (log {log}), peak working set before the push {Mb(peakAtStart)}");

            var clock = Stopwatch.StartNew();
            (await http.PostAsync(new Uri("/admin/functions/InventoryPush", UriKind.Relative), null)).EnsureSuccessStatusCode();
            string? result;
            var lastReport = TimeSpan.Zero;
            while ((result = (await cursors.FindAsync(store, SyncCursors.InventoryFlow, CancellationToken.None))?.LastResult) is null)
            {
                if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
                {
                    lastReport = clock.Elapsed;
                    process.Refresh();
                    var written = (await admin.InventoryStatsAsync(store))["itemsWritten"]!.GetValue<long>();
                    Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:F0} s: {written} SKUs written; LocalHost working set {Mb(process.WorkingSet64)}, peak {Mb(process.PeakWorkingSet64)}");
                }

                if (clock.Elapsed > TimeSpan.FromHours(3))
                {
                    throw new TimeoutException("The scan did not finish within 3 hours.");
                }

                await Task.Delay(500);
            }

            var elapsed = clock.Elapsed;
            process.Refresh();
            var writtenAtEnd = (await admin.InventoryStatsAsync(store))["itemsWritten"]!.GetValue<long>();
            var cpu = (process.TotalProcessorTime - cpuAtStart).TotalSeconds;
            Console.WriteLine($"  scan done: {result}");
            Console.WriteLine();
            Console.WriteLine("| SKUs | scan elapsed | SKUs written by then | LocalHost peak working set | LocalHost CPU s | CPU s per 100,000 SKUs scanned |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {skus} | {elapsed.TotalSeconds:F1} s | {writtenAtEnd} | {Mb(process.PeakWorkingSet64)} | {cpu:F1} | {cpu * 100_000 / skus:F1} |"));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F0} MB");
}
