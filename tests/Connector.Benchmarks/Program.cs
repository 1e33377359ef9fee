using System.Globalization;
using Connector.Benchmarks;

// dotnet run -c Release --project tests/Connector.Benchmarks -- orders [--orders N] [--quota Q] [--window-ms W] [--webhooks] [--tracing on|off [--sampling R]]
// dotnet run -c Release --project tests/Connector.Benchmarks -- inventory [--skus N] [--quota Q] [--window-ms W] [--batch on|off]
// dotnet run -c Release --project tests/Connector.Benchmarks -- inventory-scan-memory [--skus N] [--rows]
// dotnet run -c Release --project tests/Connector.Benchmarks -- inventory-process [--skus N] [--quota Q] [--window-ms W] [--process off]   (build the solution first: LocalHost runs as its own process)
// dotnet run -c Release --project tests/Connector.Benchmarks -- shipments [--shipments N] [--quota Q] [--window-ms W] [--orders-delivered on|off]
// dotnet run -c Release --project tests/Connector.Benchmarks -- webhook-latency [--orders N] [--rate per-second] [--polling-ms M]
// dotnet run -c Release --project tests/Connector.Benchmarks -- webhook-endpoint [--requests N] [--concurrency C] [--orders distinct] [--scope S] [--tracing on|off [--sampling R]] [--workers off]
// dotnet run -c Release --project tests/Connector.Benchmarks -- page [--orders N] [--attention-every K] [--requests R]
// dotnet run -c Release --project tests/Connector.Benchmarks -- catalog [--products N] [--quota Q] [--window-ms W]
// dotnet run -c Release --project tests/Connector.Benchmarks -- catalog-push [--changes N] [--variants V] [--quota Q] [--window-ms W]
var command = args.FirstOrDefault() ?? "orders";
var rest = args.Skip(1).ToArray();
var options = BenchmarkArguments.Parse(rest);
string? Arg(string name) => Array.IndexOf(rest, name) is var at and >= 0 && at + 1 < rest.Length ? rest[at + 1] : null;
int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
switch (command)
{
    case "orders":
        await OrdersBenchmark.RunAsync(options, webhooks: rest.Contains("--webhooks"), TracingOption.Parse(Arg("--tracing"), Arg("--sampling")));
        return 0;
    case "inventory":
        await InventoryBenchmark.RunAsync(Int("--skus", 3000), options.Quota, options.WindowMs, batch: Arg("--batch") switch
        {
            null or "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--batch takes on or off, not '{other}'."),
        });
        return 0;
    case "inventory-scan-memory":
        ScanMemoryBenchmark.Run(Int("--skus", 1_000_000), rows: rest.Contains("--rows"));
        return 0;
    case "inventory-process":
        await InventoryProcessBenchmark.RunAsync(Int("--skus", 1_000_000), options.Quota, Int("--window-ms", BenchmarkArguments.StandardWindowMs), processing: Arg("--process") != "off");
        return 0;
    case "shipments":
        await ShipmentsBenchmark.RunAsync(Int("--shipments", 1000), options.Quota, options.WindowMs, delivered: Arg("--orders-delivered") switch
        {
            null or "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--orders-delivered takes on or off, not '{other}'."),
        });
        return 0;
    case "webhook-latency":
        await WebhookBenchmarks.LatencyAsync(Int("--orders", 300), Arg("--rate") is { } rate ? double.Parse(rate, CultureInfo.InvariantCulture) : 4,
            Int("--polling-ms", 200));
        return 0;
    case "webhook-endpoint":
        await WebhookBenchmarks.EndpointAsync(Int("--requests", 20_000), Int("--concurrency", 64), Int("--orders", 200),
            Arg("--scope") ?? "store/order/created", TracingOption.Parse(Arg("--tracing"), Arg("--sampling")), workers: Arg("--workers") != "off");
        return 0;
    case "catalog":
        await CatalogBenchmark.RunAsync(Int("--products", 5000), options.Quota, options.WindowMs);
        return 0;
    case "catalog-push":
        await CatalogPushBenchmark.RunAsync(Int("--changes", 3000), Int("--variants", 2), options.Quota, options.WindowMs);
        return 0;
    case "page":
        await PageBenchmark.RunAsync(Int("--orders", 100_000), Int("--attention-every", 1000), Int("--requests", 200));
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: orders, inventory, inventory-scan-memory, inventory-process, shipments, webhook-latency, webhook-endpoint, page, catalog, catalog-push.");
        return 2;
}
