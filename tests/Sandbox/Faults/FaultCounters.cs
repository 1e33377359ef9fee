using System.Collections.Concurrent;

namespace Sandbox.Faults;

/// <summary>Thread-safe tally of injected faults, kept apart from real (quota) 429s so tests can tell them apart.</summary>
public sealed class FaultCounters
{
    private readonly ConcurrentDictionary<FaultKind, long> _counts = new();

    public void Add(FaultKind kind) => _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    public long Total => _counts.Values.Sum();

    /// <summary>Every kind, zeros included, so a client can read a key without checking it exists.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        Enum.GetValues<FaultKind>().ToDictionary(k => k.Key(), k => _counts.GetValueOrDefault(k));

    public void Reset() => _counts.Clear();
}
