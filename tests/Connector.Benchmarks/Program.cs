using Connector.Benchmarks;

// dotnet run -c Release --project tests/Connector.Benchmarks -- orders [--orders N] [--quota Q] [--window-ms W]
var command = args.FirstOrDefault() ?? "orders";
var options = BenchmarkArguments.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "orders":
        await OrdersBenchmark.RunAsync(options);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown benchmark '{command}'. Known: orders.");
        return 2;
}
