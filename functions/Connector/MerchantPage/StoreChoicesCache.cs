using System.Collections.Concurrent;
using Connector.Inventory;

namespace Connector.MerchantPage;

/// <summary>
/// The store's order statuses and locations as last read for the settings form, per process, for a few minutes: a
/// merchant moving about the page should not spend the store's BigCommerce quota (shared with its other apps) on lists
/// that change rarely. Only successful reads are kept.
/// </summary>
public sealed class StoreChoicesCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<StatusOption> Statuses)> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<StoreLocation> Locations)> _locations = new(StringComparer.Ordinal);

    public IReadOnlyList<StatusOption>? Statuses(string storeHash) =>
        _statuses.TryGetValue(storeHash, out var kept) && clock.GetUtcNow() - kept.At < Lifetime ? kept.Statuses : null;

    public void Keep(string storeHash, IReadOnlyList<StatusOption> statuses) => _statuses[storeHash] = (clock.GetUtcNow(), statuses);

    public IReadOnlyList<StoreLocation>? Locations(string storeHash) =>
        _locations.TryGetValue(storeHash, out var kept) && clock.GetUtcNow() - kept.At < Lifetime ? kept.Locations : null;

    public void Keep(string storeHash, IReadOnlyList<StoreLocation> locations) => _locations[storeHash] = (clock.GetUtcNow(), locations);
}
