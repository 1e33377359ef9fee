using System.Collections.Concurrent;
using Sandbox.Faults;

namespace Sandbox.Login;

/// <summary>What the token endpoint saw (GET /_admin/login/stats).</summary>
public sealed class LoginStats
{
    private readonly ConcurrentDictionary<string, long> _rejected = new(StringComparer.Ordinal);
    private long _tokenRequests;
    private long _tokensIssued;

    public FaultCounters InjectedFaults { get; } = new();

    public void CountRequest() => Interlocked.Increment(ref _tokenRequests);

    public void CountIssued() => Interlocked.Increment(ref _tokensIssued);

    public void CountRejected(string error) => _rejected.AddOrUpdate(error, 1, static (_, n) => n + 1);

    public LoginStatsSnapshot Snapshot(int codesIssued) => new(
        Interlocked.Read(ref _tokenRequests),
        Interlocked.Read(ref _tokensIssued),
        codesIssued,
        new SortedDictionary<string, long>(_rejected, StringComparer.Ordinal),
        InjectedFaults.Snapshot());

    public void Reset()
    {
        Interlocked.Exchange(ref _tokenRequests, 0);
        Interlocked.Exchange(ref _tokensIssued, 0);
        _rejected.Clear();
        InjectedFaults.Reset();
    }
}

/// <param name="TokenRequests">Every POST /oauth2/token, faulted ones included.</param>
/// <param name="Rejected">Answers other than 200 by OAuth error code (injected faults are in <paramref name="InjectedFaults"/>).</param>
public sealed record LoginStatsSnapshot(
    long TokenRequests, long TokensIssued, int CodesIssued, IReadOnlyDictionary<string, long> Rejected, IReadOnlyDictionary<string, long> InjectedFaults);
