using System.Globalization;
using Connector.Testing.Soak;

// scripts/soak.sh [--orders N] [--stores S] [--skus K] [--minutes M] [--instances I] [--kills K] [--no-azurite-restart] [--no-faults]
//                 [--quota Q] [--window-ms W] [--seed N] [--shipment-share F] [--catalog-stores C] [--catalog-products P]
//                 [--merchant-changes M] [--feed-changes F] [--report path/to/report.md]
// (--merchant-changes and --feed-changes: the catalog's changes per minute, made in BigCommerce and appended to the back office's feed)
string? Arg(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
int Int(string name, int fallback) => Arg(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
double Number(string name, double fallback) => Arg(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

var defaults = new SoakOptions();
var options = defaults with
{
    Orders = Int("--orders", defaults.Orders),
    Stores = Int("--stores", defaults.Stores),
    Skus = Int("--skus", defaults.Skus),
    LoadDuration = TimeSpan.FromMinutes(Number("--minutes", defaults.LoadDuration.TotalMinutes)),
    Instances = Int("--instances", defaults.Instances),
    Kills = Int("--kills", defaults.Kills),
    RestartAzurite = !args.Contains("--no-azurite-restart"),
    Faults = !args.Contains("--no-faults"),
    Quota = Int("--quota", defaults.Quota),
    WindowMs = Int("--window-ms", defaults.WindowMs),
    Seed = Int("--seed", defaults.Seed),
    FulfilmentShare = Number("--shipment-share", defaults.FulfilmentShare),
    CatalogStores = Int("--catalog-stores", defaults.CatalogStores),
    CatalogProducts = Int("--catalog-products", defaults.CatalogProducts),
    CatalogMerchantChangesPerMinute = Number("--merchant-changes", defaults.CatalogMerchantChangesPerMinute),
    CatalogFeedChangesPerMinute = Number("--feed-changes", defaults.CatalogFeedChangesPerMinute),
};

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var report = await new SoakRun(options, Console.Out).RunAsync(cancel.Token);
var markdown = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
File.WriteAllText(Path.Combine(options.OutputDirectory, "report.md"), markdown);
if (Arg("--report") is { } path)
{
    File.WriteAllText(path, markdown);
}

Console.WriteLine($"Report and LocalHost log: {options.OutputDirectory}");
return report.Passed ? 0 : 1;
