using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Connector.MerchantPage;
using Connector.Orders;
using Connector.Storage;
using Connector.Testing;

namespace Connector.Benchmarks;

/// <summary>
/// The app's page for a store whose ledger holds many orders: its rows are written straight into the Orders table
/// (one in <paramref name="attentionEvery"/> refused or failing, spread over the whole ledger), then the page is asked for
/// again and again over loopback, as a merchant clicking through it would. Times are the whole HTTP round trip, so the
/// server's own time is at most that.
/// </summary>
public static class PageBenchmark
{
    public static async Task RunAsync(int orders, int attentionEvery, int requests)
    {
        var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        try
        {
            await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
            {
                ConnectStore = false,
                Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" },
            });
            await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: 700, ownerId: 700);
            var clock = Stopwatch.StartNew();
            var attention = await SeedLedgerAsync(system.Table(TableNames.Orders), system.StoreHash, orders, attentionEvery);
            // What OrderLedger's writes would have kept in step: the index of the orders needing attention.
            var index = system.Service<AttentionIndex>();
            for (var id = attentionEvery; id <= orders; id += attentionEvery)
            {
                await index.SyncAsync(system.StoreHash, id, (false, null),
                    new OrderLedgerEntry { Status = id % 2 == 0 ? OrderLedgerStatus.Rejected : OrderLedgerStatus.Failing }, CancellationToken.None);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {orders} ledger rows ({attention} needing attention) in {clock.Elapsed.TotalSeconds:F0} s"));

            var page = new MerchantPageClient(system.Connector.Http, system.Admin);
            var session = (await page.OpenAsync(system.StoreHash, 700)).Session!;
            var results = new List<(string What, List<double> Ms)>();
            foreach (var (what, send) in new (string, Func<Task<PageAnswer>>)[]
            {
                ("load callback (JWT verified, page rendered)", async () => await page.OpenAsync(system.StoreHash, 700)),
                ("status section, first page of what needs attention", () => page.PostAsync(PageRoutes.Page, session, ("section", "status"))),
                ("status section, a later page (after order 50000)", () => page.PostAsync(PageRoutes.Page, session, ("section", "status"), ("after", "50000"))),
                ("settings section (asks BigCommerce for statuses and locations)", () => page.PostAsync(PageRoutes.Page, session, ("section", "settings"))),
            })
            {
                for (var i = 0; i < 10; i++)
                {
                    await send(); // warm-up: JIT, connections, table clients
                }

                var times = new List<double>();
                for (var i = 0; i < requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var answer = await send();
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if (answer.Status != System.Net.HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{what} answered {(int)answer.Status}.");
                    }
                }

                times.Sort();
                results.Add((what, times));
            }

            Console.WriteLine();
            Console.WriteLine("| request | ledger rows | requests | p50 | p95 | p99 | max |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var (what, ms) in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {what} | {orders:N0} | {ms.Count} | {Pct(ms, 50):F1} ms | {Pct(ms, 95):F1} ms | {Pct(ms, 99):F1} ms | {ms[^1]:F1} ms |"));
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>The store's ledger: delivered orders, and every <paramref name="attentionEvery"/>th refused or failing.</summary>
    private static async Task<int> SeedLedgerAsync(TableClient table, string storeHash, int orders, int attentionEvery)
    {
        var now = DateTimeOffset.UtcNow;
        var attention = 0;
        var batches = Enumerable.Range(0, (orders + 99) / 100).Select(b => Enumerable.Range(b * 100 + 1, Math.Min(100, orders - b * 100)).Select(id =>
        {
            var needsAttention = id % attentionEvery == 0;
            if (needsAttention)
            {
                Interlocked.Increment(ref attention);
            }

            var entry = new OrderLedgerEntry
            {
                PartitionKey = storeHash,
                RowKey = id.ToString(CultureInfo.InvariantCulture),
                Status = needsAttention ? (id % 2 == 0 ? OrderLedgerStatus.Rejected : OrderLedgerStatus.Failing) : OrderLedgerStatus.Delivered,
                DeliveredModifiedAt = needsAttention ? null : now.AddMinutes(-id),
                DeliveredAt = needsAttention ? null : now.AddMinutes(-id),
                RejectedModifiedAt = needsAttention ? now.AddMinutes(-id) : null,
                LastError = needsAttention ? "The back office rejected version … (422): unknown SKU" : null,
                Attempts = 1,
                LastAttemptAt = now.AddMinutes(-id),
            };
            return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entry);
        }).ToList()).ToList();

        // A few batches at a time: Azurite takes them as fast as one process can send.
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) => await table.SubmitTransactionAsync(batch, ct));
        return attention;
    }

    private static double Pct(IReadOnlyList<double> sorted, int percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
