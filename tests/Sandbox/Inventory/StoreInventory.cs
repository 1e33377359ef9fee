using System.Globalization;

namespace Sandbox.Inventory;

/// <summary>
/// One store's catalog (products, variants, SKUs), locations and stock levels per (item, location).
/// Every method takes the store's lock, so an adjustment's items land together.
/// </summary>
public sealed class StoreInventory
{
    public const int DefaultLocationId = 1;
    public const string DefaultLocationCode = "BC-LOCATION-1";

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<CatalogItem> _items = [];
    private readonly List<InventoryLocation> _locations = [];
    private readonly Dictionary<(long VariantId, int LocationId), long> _levels = [];
    private readonly Dictionary<string, long> _writes = new(StringComparer.Ordinal);
    private long _nextProductId = 100;
    private long _nextVariantId = 1000;
    private int _generated;

    public StoreInventory(TimeProvider clock)
    {
        _clock = clock;
        _locations.Add(new InventoryLocation(DefaultLocationId, DefaultLocationCode, "Default location", "PHYSICAL", true, clock.GetUtcNow()));
    }

    public InventoryStats Stats { get; } = new();

    /// <summary>How long an absolute adjustment takes to answer (0 by default).</summary>
    public TimeSpan AdjustmentLatency { get; set; }

    public sealed record SkuSeed(string Sku, TrackedBy TrackedBy, string? Product);

    /// <summary>
    /// Adds SKUs. Variant-tracked SKUs naming the same <c>Product</c> share a product; without one
    /// each gets its own. <paramref name="generate"/> more SKUs are made (<c>SKU-00001</c>…), two variants per product.
    /// </summary>
    /// <returns>The created items, or an error (a SKU already in the catalog or given twice).</returns>
    public (IReadOnlyList<CatalogItem>? Items, string? Error) Seed(IReadOnlyList<SkuSeed> skus, int generate)
    {
        lock (_gate)
        {
            var taken = _items.Select(i => i.Sku).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var s in skus)
            {
                if (string.IsNullOrWhiteSpace(s.Sku) || !taken.Add(s.Sku))
                {
                    return (null, $"SKU '{s.Sku}' is empty, repeated or already in the catalog.");
                }
            }

            var created = new List<CatalogItem>();
            var products = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var s in skus)
            {
                long productId;
                if (s.TrackedBy == TrackedBy.Variant && s.Product is { } name && products.TryGetValue(name, out var existing))
                {
                    productId = existing;
                }
                else
                {
                    productId = ++_nextProductId;
                    if (s.TrackedBy == TrackedBy.Variant && s.Product is { } newName)
                    {
                        products[newName] = productId;
                    }
                }
                created.Add(Add(new CatalogItem(s.Sku, productId, ++_nextVariantId, s.TrackedBy, s.Product ?? s.Sku)));
            }

            for (var n = 0; n < generate; n++)
            {
                string sku;
                do
                {
                    sku = "SKU-" + (++_generated).ToString("D5", CultureInfo.InvariantCulture);
                }
                while (!taken.Add(sku));
                var productId = n % 2 == 0 ? ++_nextProductId : _nextProductId;
                created.Add(Add(new CatalogItem(sku, productId, ++_nextVariantId, TrackedBy.Variant, "Product " + productId.ToString(CultureInfo.InvariantCulture))));
            }
            return (created, null);
        }
    }

    private CatalogItem Add(CatalogItem item)
    {
        _items.Add(item);
        _levels[(item.VariantId, DefaultLocationId)] = 0;
        return item;
    }

    public InventoryLocation AddLocation(string code, string label)
    {
        lock (_gate)
        {
            var location = new InventoryLocation(_locations.Max(l => l.Id) + 1, code, label, "PHYSICAL", true, _clock.GetUtcNow());
            _locations.Add(location);
            return location;
        }
    }

    public bool HasLocationCode(string code)
    {
        lock (_gate)
        {
            return _locations.Any(l => string.Equals(l.Code, code, StringComparison.Ordinal));
        }
    }

    public IReadOnlyList<InventoryLocation> Locations()
    {
        lock (_gate)
        {
            return [.. _locations];
        }
    }

    public IReadOnlyList<CatalogItem> Items()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public sealed record Level(CatalogItem Item, InventoryLocation Location, long Quantity);

    /// <summary>Levels of every item at every location (0 where none was ever set), in catalog then location order.</summary>
    public IReadOnlyList<Level> Levels()
    {
        lock (_gate)
        {
            return [.. _items.SelectMany(i => _locations.Select(l => new Level(i, l, _levels.GetValueOrDefault((i.VariantId, l.Id)))))];
        }
    }

    public long Writes(string sku)
    {
        lock (_gate)
        {
            return _writes.GetValueOrDefault(sku);
        }
    }

    /// <summary>Validates every line, then applies all or none.</summary>
    /// <returns>Null on success, otherwise why the whole request is refused.</returns>
    public AdjustmentRefusal? ApplyAbsolute(IReadOnlyList<AdjustmentLine> lines)
    {
        lock (_gate)
        {
            var refusal = new AdjustmentRefusal();
            var resolved = new List<(CatalogItem Item, int LocationId, long Quantity)>();
            foreach (var line in lines)
            {
                var item = Resolve(line, out var error);
                if (!_locations.Any(l => l.Id == line.LocationId))
                {
                    refusal.Add($"items.{line.Index}.location_id", $"Location with id {line.LocationId} does not exist");
                }
                if (item is null)
                {
                    refusal.Add(error.Field, error.Message);
                }
                else
                {
                    resolved.Add((item, line.LocationId, line.Quantity));
                }
            }
            if (!refusal.IsEmpty)
            {
                return refusal;
            }
            foreach (var (item, locationId, quantity) in resolved)
            {
                _levels[(item.VariantId, locationId)] = quantity;
                _writes[item.Sku] = _writes.GetValueOrDefault(item.Sku) + 1;
            }
            return null;
        }
    }

    /// <param name="error">Field null: a tracking-mode refusal, which BigCommerce names in the title only (<c>errors: {}</c>, as the spec's example).</param>
    private CatalogItem? Resolve(AdjustmentLine line, out (string? Field, string Message) error)
    {
        error = default;
        if (line.VariantId is { } variantId)
        {
            var item = _items.FirstOrDefault(i => i.VariantId == variantId);
            if (item is null)
            {
                error = ($"items.{line.Index}.variant_id", $"Item with variant_id {variantId} does not exist");
                return null;
            }
            if (item.TrackedBy == TrackedBy.Product)
            {
                error = (null, $"Item with variant_id {variantId} is tracked by product, please update stock by product id");
                return null;
            }
            return item;
        }
        if (line.ProductId is { } productId)
        {
            var variants = _items.Where(i => i.ProductId == productId).ToList();
            if (variants.Count == 0)
            {
                error = ($"items.{line.Index}.product_id", $"Item with product_id {productId} does not exist");
                return null;
            }
            if (variants[0].TrackedBy == TrackedBy.Variant)
            {
                error = (null, $"Item with product_id {productId} is tracked by variant, please update stock by variant id or sku");
                return null;
            }
            return variants[0];
        }
        var bySku = _items.FirstOrDefault(i => string.Equals(i.Sku, line.Sku, StringComparison.OrdinalIgnoreCase));
        if (bySku is null)
        {
            error = ($"items.{line.Index}.sku", $"Item with sku {line.Sku} does not exist");
            return null;
        }
        // The spec: variant-tracked items are referenced by variant_id or sku; "if a product has no variants, use
        // product_id". So a product-tracked item's SKU is refused like its variant_id (the spec's 422 example, with
        // the sku named): the whole request fails, and only product_id sets its stock.
        if (bySku.TrackedBy == TrackedBy.Product)
        {
            error = (null, $"Item with sku {line.Sku} is tracked by product, please update stock by product id");
            return null;
        }
        return bySku;
    }
}
