using System.Diagnostics;
using System.Globalization;

namespace Connector.Benchmarks;

/// <summary>
/// The CPU time and memory the benchmark's process spent on the timed part: LocalHost, the sandbox and the benchmark's
/// own loop share it (Azurite is its own process, not counted), so these are an upper bound of LocalHost's cost.
/// </summary>
public sealed class ProcessCost
{
    private readonly TimeSpan _cpuAtStart;

    private ProcessCost(TimeSpan cpuAtStart) => _cpuAtStart = cpuAtStart;

    public static ProcessCost Start()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCost(process.TotalProcessorTime);
    }

    /// <summary>A line: CPU seconds per <paramref name="per"/> units of work, and the process's peak working set so far.</summary>
    public string Report(int units, int per, string unitName)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - _cpuAtStart).TotalSeconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"process cost (LocalHost + sandbox + benchmark, Azurite excluded): {cpu:F1} CPU s in all, {cpu * per / units:F2} CPU s per {per:N0} {unitName}, peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):F0} MB");
    }
}
