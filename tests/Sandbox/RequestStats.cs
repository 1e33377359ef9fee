using System.Collections.Concurrent;
using Sandbox.Faults;

namespace Sandbox;

/// <summary>Requests per endpoint of a stand-in (known endpoints listed with 0), its 401s and its injected faults.</summary>
public class RequestStats(IReadOnlyList<string> knownEndpoints)
{
    private readonly ConcurrentDictionary<string, long> _byEndpoint = new();
    private long _requests;
    private long _unauthorized;

    public FaultCounters InjectedFaults { get; } = new();

    public void CountRequest(string endpoint)
    {
        Interlocked.Increment(ref _requests);
        _byEndpoint.AddOrUpdate(endpoint, 1, static (_, n) => n + 1);
    }

    public void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

    public RequestStatsSnapshot Snapshot()
    {
        var byEndpoint = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var endpoint in knownEndpoints)
        {
            byEndpoint[endpoint] = 0;
        }
        foreach (var (endpoint, count) in _byEndpoint)
        {
            byEndpoint[endpoint] = count;
        }
        return new RequestStatsSnapshot(Interlocked.Read(ref _requests), byEndpoint, Interlocked.Read(ref _unauthorized), InjectedFaults.Snapshot());
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        _byEndpoint.Clear();
        InjectedFaults.Reset();
    }
}

/// <param name="Requests">Every request that reached a route, whatever its outcome (401s and faulted ones included).</param>
public sealed record RequestStatsSnapshot(long Requests, IReadOnlyDictionary<string, long> ByEndpoint, long Unauthorized, IReadOnlyDictionary<string, long> InjectedFaults);
