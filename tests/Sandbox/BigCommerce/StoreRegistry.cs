using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Sandbox.BigCommerce;

/// <summary>All stores the sandbox serves, by hash. Starts with the configured ones.</summary>
public sealed class StoreRegistry
{
    private readonly ConcurrentDictionary<string, Store> _stores = new(StringComparer.Ordinal);
    private readonly Lock _createGate = new();
    private readonly SandboxOptions _options;
    private readonly TimeProvider _clock;

    public StoreRegistry(IOptions<SandboxOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        SeedFromOptions();
    }

    public IReadOnlyCollection<Store> All => _stores.Values.OrderBy(s => s.Hash, StringComparer.Ordinal).ToList();

    public Store? Find(string hash) => _stores.GetValueOrDefault(hash);

    public enum CreateOutcome { Created, Existing, Conflict }

    /// <summary>
    /// Idempotent: the same hash and token answer the existing store (quota unchanged unless given);
    /// the same hash with another token is a conflict, since a test reusing a hash by mistake
    /// would otherwise see someone else's orders.
    /// </summary>
    public (CreateOutcome Outcome, Store Store) Create(string hash, string token, int? quota = null, int? windowMs = null, int seedOrders = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        lock (_createGate)
        {
            if (_stores.TryGetValue(hash, out var existing))
            {
                if (!string.Equals(existing.Token, token, StringComparison.Ordinal))
                {
                    return (CreateOutcome.Conflict, existing);
                }
                if (quota is not null || windowMs is not null)
                {
                    existing.RateLimiter.Reconfigure(quota ?? existing.RateLimiter.Quota, windowMs ?? existing.RateLimiter.WindowMs);
                }
                return (CreateOutcome.Existing, existing);
            }

            var store = new Store(hash, token, quota ?? _options.DefaultQuota, windowMs ?? _options.DefaultWindowMs, _clock);
            if (seedOrders > 0)
            {
                store.Seed(seedOrders);
            }
            _stores[hash] = store;
            return (CreateOutcome.Created, store);
        }
    }

    /// <summary>
    /// An app install that BigCommerce accepted: the store (created with <paramref name="seedOrders"/>
    /// demo orders if it didn't exist) gets a fresh token, and any previous token stops working.
    /// </summary>
    public Store Install(string hash, int seedOrders = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        lock (_createGate)
        {
            if (_stores.TryGetValue(hash, out var existing))
            {
                existing.ReplaceToken(NewToken());
                return existing;
            }
            var store = new Store(hash, NewToken(), _options.DefaultQuota, _options.DefaultWindowMs, _clock);
            if (seedOrders > 0)
            {
                store.Seed(seedOrders);
            }
            _stores[hash] = store;
            return store;
        }
    }

    /// <summary>The app was uninstalled: its token stops working. False if there is no such store.</summary>
    public bool RevokeToken(string hash)
    {
        lock (_createGate)
        {
            if (!_stores.TryGetValue(hash, out var store))
            {
                return false;
            }
            store.ReplaceToken(NewToken());
            return true;
        }
    }

    /// <summary>Shaped like BigCommerce's: 31 lower-case letters and digits.</summary>
    public static string NewToken() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 31);

    /// <summary>Back to the configured stores with fresh demo data; stores added at runtime are gone.</summary>
    public void Reset()
    {
        lock (_createGate)
        {
            _stores.Clear();
        }
        SeedFromOptions();
    }

    public void ResetStats()
    {
        foreach (var store in _stores.Values)
        {
            store.Stats.Reset();
        }
    }

    private void SeedFromOptions()
    {
        foreach (var seed in _options.Stores.Where(s => !string.IsNullOrWhiteSpace(s.Hash)))
        {
            Create(seed.Hash, seed.Token, seed.Quota, seed.WindowMs, seed.SeedOrders);
        }
    }
}
