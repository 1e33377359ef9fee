using System.Collections.Concurrent;
using System.Globalization;

namespace Sandbox.Catalog;

/// <summary>The products of every store, by store hash.</summary>
public sealed class ProductCatalogRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, ProductCatalog> _stores = new(StringComparer.Ordinal);

    public ProductCatalog For(string storeHash) => _stores.GetOrAdd(storeHash, _ => new ProductCatalog(clock));
}

/// <summary>
/// One store's catalog. Every change stamps <c>date_modified</c> with the current second, and never the same second as the
/// product's previous version (BigCommerce's dates have one-second resolution; the sandbox keeps versions apart so tests
/// can tell two quick updates from one).
/// </summary>
public sealed class ProductCatalog(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, SandboxProduct> _products = [];
    private long _nextProductId = 100;
    private long _nextVariantId = 1000;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _products.Count;
            }
        }
    }

    public IReadOnlyList<SandboxProduct> All()
    {
        lock (_gate)
        {
            return [.. _products.Values];
        }
    }

    public SandboxProduct? Find(long id)
    {
        lock (_gate)
        {
            return _products.GetValueOrDefault(id);
        }
    }

    /// <summary>New products, each with <paramref name="variants"/> variants (Size S, M, L…) and a custom field.</summary>
    public IReadOnlyList<SandboxProduct> Create(int count, int variants)
    {
        lock (_gate)
        {
            var now = Now();
            var created = new List<SandboxProduct>();
            for (var i = 0; i < count; i++)
            {
                var id = ++_nextProductId;
                var sku = string.Create(CultureInfo.InvariantCulture, $"P-{id}");
                var product = new SandboxProduct(id, $"Product {id}", sku, 10m + id % 90, null, 0.5m, true, now,
                    Enumerable.Range(0, variants).Select(v => new SandboxVariant(++_nextVariantId, $"{sku}-{Sizes[v % Sizes.Length]}{(v >= Sizes.Length ? v.ToString(CultureInfo.InvariantCulture) : "")}",
                        null, null, [("Size", Sizes[v % Sizes.Length])])).ToList(),
                    [("origin", "sandbox")]);
                _products[id] = product;
                created.Add(product);
            }

            return created;
        }
    }

    /// <summary>Applies a change as a new version; null when there is no such product.</summary>
    public SandboxProduct? Update(long id, Func<SandboxProduct, SandboxProduct> change)
    {
        lock (_gate)
        {
            if (!_products.TryGetValue(id, out var current))
            {
                return null;
            }

            var now = Now();
            var modified = now > current.DateModified ? now : current.DateModified.AddSeconds(1);
            return _products[id] = change(current) with { Id = id, DateModified = modified };
        }
    }

    public bool Delete(long id)
    {
        lock (_gate)
        {
            return _products.Remove(id);
        }
    }

    private static readonly string[] Sizes = ["S", "M", "L", "XL"];

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
