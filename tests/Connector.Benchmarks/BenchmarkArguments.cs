using System.Globalization;

namespace Connector.Benchmarks;

public sealed record BenchmarkArguments(int Orders, int Quota, int WindowMs)
{
    /// <summary>BigCommerce's Standard and Plus plans: 150 requests per 30 s window.</summary>
    public const int StandardQuota = 150;
    public const int StandardWindowMs = 30_000;

    public static BenchmarkArguments Parse(string[] args)
    {
        int Read(string name, int fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
        }

        // By default the Standard quota in a window ten times shorter: the same shape, ten times faster.
        return new BenchmarkArguments(Read("--orders", 3000), Read("--quota", StandardQuota), Read("--window-ms", 3000));
    }
}
