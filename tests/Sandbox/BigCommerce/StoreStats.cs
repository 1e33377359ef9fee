using System.Collections.Concurrent;
using Sandbox.Faults;

namespace Sandbox.BigCommerce;

/// <summary>Per-store request counts, by endpoint template, so tests and the benchmark can see the API cost of a run.</summary>
public sealed class StoreStats
{
    private readonly ConcurrentDictionary<string, long> _byEndpoint = new();
    private long _requests;
    private long _rateLimited;
    private long _unauthorized;

    public FaultCounters InjectedFaults { get; } = new();

    public void CountRequest(string endpoint)
    {
        Interlocked.Increment(ref _requests);
        _byEndpoint.AddOrUpdate(endpoint, 1, static (_, n) => n + 1);
    }

    public void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

    public void CountUnauthorized() => Interlocked.Increment(ref _unauthorized);

    public StoreStatsSnapshot Snapshot()
    {
        // Known endpoints appear with 0 so clients can index them without checking.
        var byEndpoint = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var endpoint in StoreEndpoints.All)
        {
            byEndpoint[endpoint] = 0;
        }
        foreach (var (endpoint, count) in _byEndpoint)
        {
            byEndpoint[endpoint] = count;
        }
        return new StoreStatsSnapshot(
            Interlocked.Read(ref _requests),
            byEndpoint,
            Interlocked.Read(ref _rateLimited),
            Interlocked.Read(ref _unauthorized),
            InjectedFaults.Snapshot());
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        _byEndpoint.Clear();
        InjectedFaults.Reset();
    }
}

/// <param name="Requests">Every request that reached a known store, whatever its outcome (401, 429 and faulted ones included).</param>
/// <param name="RateLimited">429s from the quota only; injected 429s are in <paramref name="InjectedFaults"/>.</param>
public sealed record StoreStatsSnapshot(
    long Requests,
    IReadOnlyDictionary<string, long> ByEndpoint,
    long RateLimited,
    long Unauthorized,
    IReadOnlyDictionary<string, long> InjectedFaults);
