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
/// can tell two quick updates from one). Every version is kept in a history with who made it (<see cref="ProductOrigin"/>) and,
/// for an API write, what it set: the soak tells the connector's own writes from the merchant's by it.
/// </summary>
public sealed class ProductCatalog(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, SandboxProduct> _products = [];
    private readonly List<ProductVersionRecord> _history = [];
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

    /// <summary>Every version made so far, oldest first.</summary>
    public IReadOnlyList<ProductVersionRecord> History()
    {
        lock (_gate)
        {
            return [.. _history];
        }
    }

    private SandboxProduct Keep(SandboxProduct product, string origin, ApiCatalogWrite? write = null)
    {
        _products[product.Id] = product;
        _history.Add(new ProductVersionRecord(product.Id, product.DateModified, origin, false, product, write));
        return product;
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
                    [("origin", "sandbox")]) { BaseVariantId = ++_nextVariantId };
                created.Add(Keep(product, ProductOrigin.ControlPanel));
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
            return Keep(change(current) with { Id = id, DateModified = modified }, ProductOrigin.ControlPanel);
        }
    }

    /// <summary>
    /// New simple products (no options) with these SKUs, duplicates allowed: BigCommerce refuses a duplicate SKU on create,
    /// but a catalog can still hold one (imports, a variant SKU equal to another product's), and the connector must cope.
    /// </summary>
    public IReadOnlyList<SandboxProduct> CreateWithSkus(IReadOnlyList<string> skus)
    {
        lock (_gate)
        {
            var now = Now();
            var created = new List<SandboxProduct>();
            foreach (var sku in skus)
            {
                var id = ++_nextProductId;
                var product = new SandboxProduct(id, $"Product {id}", sku, 10m, null, 0.5m, true, now, [], []) { BaseVariantId = ++_nextVariantId };
                created.Add(Keep(product, ProductOrigin.ControlPanel));
            }

            return created;
        }
    }

    /// <summary>POST /v3/catalog/products: a new simple product; null with the reason (409) when its name or SKU is taken.</summary>
    public (SandboxProduct? Product, string? Conflict) CreateOne(SandboxProduct draft, ApiCatalogWrite? write = null)
    {
        lock (_gate)
        {
            if (_products.Values.Any(p => string.Equals(p.Name, draft.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"The product name '{draft.Name}' is a duplicate.");
            }

            if (draft.Sku.Length > 0 && AllSkus().Contains(draft.Sku))
            {
                return (null, $"The SKU '{draft.Sku}' is a duplicate.");
            }

            var id = ++_nextProductId;
            return (Keep(draft with { Id = id, DateModified = Now(), BaseVariantId = ++_nextVariantId }, ProductOrigin.Api, write), null);
        }
    }

    /// <summary>
    /// Applies several product changes as one (PUT /v3/catalog/products): all or none. The check sees every product as it
    /// would be after the batch; a refusal (its status and title) leaves the catalog unchanged.
    /// </summary>
    public (IReadOnlyList<SandboxProduct> Updated, int Status, string? Refusal) UpdateBatch(
        IReadOnlyList<(long Id, Func<SandboxProduct, SandboxProduct> Change)> changes, Func<SandboxProduct, string?> invalid, ApiCatalogWrite? write = null)
    {
        lock (_gate)
        {
            var after = new Dictionary<long, SandboxProduct>(_products);
            foreach (var (id, change) in changes)
            {
                if (!after.TryGetValue(id, out var current))
                {
                    return ([], 404, $"The product {id} was not found.");
                }

                var changed = change(current);
                if (invalid(changed) is { } reason)
                {
                    return ([], 422, reason);
                }

                after[id] = changed;
            }

            var names = after.Values.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1 && g.Any(p => changes.Any(c => c.Id == p.Id)));
            if (names is not null)
            {
                return ([], 409, $"The product name '{names.Key}' is a duplicate.");
            }

            var now = Now();
            var updated = new List<SandboxProduct>();
            foreach (var id in changes.Select(c => c.Id).Distinct())
            {
                var current = _products[id];
                var modified = now > current.DateModified ? now : current.DateModified.AddSeconds(1);
                updated.Add(Keep(after[id] with { Id = id, DateModified = modified }, write is null ? ProductOrigin.ControlPanel : ProductOrigin.Api, write));
            }

            return (updated, 200, null);
        }
    }

    /// <summary>The product holding this variant (not base variants), or null.</summary>
    public SandboxProduct? FindByVariant(long variantId)
    {
        lock (_gate)
        {
            return _products.Values.FirstOrDefault(p => p.Variants.Any(v => v.Id == variantId));
        }
    }

    private HashSet<string> AllSkus() =>
        _products.Values.SelectMany(p => p.Variants.Select(v => v.Sku).Append(p.Sku)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Delete(long id)
    {
        lock (_gate)
        {
            if (!_products.Remove(id, out var gone))
            {
                return false;
            }

            _history.Add(new ProductVersionRecord(id, Now(), ProductOrigin.ControlPanel, true, gone, null));
            return true;
        }
    }

    private static readonly string[] Sizes = ["S", "M", "L", "XL"];

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
