using System.Globalization;
using System.Text.Json.Nodes;

namespace Connector.Testing.Soak;

/// <summary>
/// Who changes a product of the soak's catalog. The merchant and the back office never set the same field of one product
/// (the merchant names and prices its own products and shows or hides the shared ones; the back office's feed never sets
/// visibility), so the end state of every field has one author and the audit can say exactly what it must be.
/// </summary>
public enum SoakProductRole
{
    /// <summary>Renamed, repriced, hidden or shown, some deleted, by the merchant only; never in the feed.</summary>
    MerchantOnly,

    /// <summary>Changed by the back office's feed only (product and variant SKUs).</summary>
    FeedOnly,

    /// <summary>The feed changes its fields; the merchant shows or hides it meanwhile (both write the same product).</summary>
    Shared,
}

/// <summary>One product of a catalog store: its SKU, its variants' SKUs, and who changes it.</summary>
public sealed record SoakCatalogProduct(long Id, string Sku, IReadOnlyList<string> VariantSkus, SoakProductRole Role);

/// <summary>What the merchant does to the catalog in BigCommerce's control panel (the sandbox's admin API).</summary>
public abstract record SoakMerchantAction(string Kind)
{
    public sealed record Rename(long Id, string Name) : SoakMerchantAction("renamed");

    public sealed record Reprice(long Id, decimal Price) : SoakMerchantAction("repriced");

    public sealed record Show(long Id, bool Visible) : SoakMerchantAction("shown or hidden");

    public sealed record Delete(long Id) : SoakMerchantAction("deleted");

    public sealed record Create() : SoakMerchantAction("created");
}

/// <summary>
/// One record of the back office's catalog-changes feed. <paramref name="Fields"/> holds each field's value as text (numbers
/// without trailing zeros, as the sandbox records writes); every value is unique to its change, so a write in BigCommerce
/// tells which change it came from. <paramref name="ProductId"/> is null for a SKU BigCommerce does not have.
/// </summary>
public sealed record SoakFeedChange(string Sku, long Seq, DateTimeOffset ChangedAt, IReadOnlyDictionary<string, string> Fields, long? ProductId)
{
    public bool Known => ProductId is not null;

    public JsonObject ToRecord()
    {
        var record = new JsonObject { ["sku"] = Sku, ["changed_at"] = ChangedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) };
        foreach (var (field, value) in Fields)
        {
            record[field] = field is "name" or "description" ? value : decimal.Parse(value, CultureInfo.InvariantCulture);
        }

        return record;
    }
}

/// <summary>
/// The catalog's share of the soak, drawn from the seed: roles for the seeded products, then the merchant's actions and the
/// back office's feed records one at a time (updates of known SKUs, some SKUs changed again and again, pairs listed newer
/// first, and a share for SKUs BigCommerce does not have, which the store's settings refuse).
/// </summary>
public sealed class SoakCatalogPlan(Random random, DateTimeOffset feedEpoch, bool deletes = true)
{
    public const double UnknownShare = 0.1;
    public const double OutOfOrderShare = 0.2;
    private const double HotShare = 0.3;

    private static readonly string[] ProductFields = ["name", "price", "sale_price", "cost_price", "weight", "description"];
    private static readonly string[] VariantFields = ["price", "sale_price", "weight"];

    private readonly List<SoakCatalogProduct> _products = [];
    private readonly HashSet<long> _deleted = [];
    private readonly Dictionary<long, bool> _visible = [];
    private long _seq;
    private int _names;

    public IReadOnlyList<SoakCatalogProduct> Products => _products;

    /// <summary>Roles in thirds, drawn per product.</summary>
    public void Assign(IEnumerable<(long Id, string Sku, IReadOnlyList<string> VariantSkus)> products)
    {
        foreach (var (id, sku, variants) in products)
        {
            _products.Add(new SoakCatalogProduct(id, sku, variants, (SoakProductRole)random.Next(3)));
            _visible[id] = true;
        }
    }

    /// <summary>A product the merchant created: the merchant's alone.</summary>
    public void Created(long id, string sku, IReadOnlyList<string> variantSkus)
    {
        _products.Add(new SoakCatalogProduct(id, sku, variantSkus, SoakProductRole.MerchantOnly));
        _visible[id] = true;
    }

    public SoakMerchantAction NextMerchantAction()
    {
        var own = _products.Where(p => p.Role == SoakProductRole.MerchantOnly && !_deleted.Contains(p.Id)).ToList();
        var shared = _products.Where(p => p.Role == SoakProductRole.Shared).ToList();
        var roll = random.Next(14);
        if (roll < 1 || own.Count == 0)
        {
            return new SoakMerchantAction.Create();
        }

        if (roll < 2 && deletes && own.Count > 3 && _deleted.Count < _products.Count(p => p.Role == SoakProductRole.MerchantOnly) / 4)
        {
            var gone = own[random.Next(own.Count)].Id;
            _deleted.Add(gone);
            return new SoakMerchantAction.Delete(gone);
        }

        if (roll < 7 && shared.Count > 0)
        {
            var product = shared[random.Next(shared.Count)].Id;
            _visible[product] = !_visible[product];
            return new SoakMerchantAction.Show(product, _visible[product]);
        }

        var target = own[random.Next(own.Count)].Id;
        return roll < 11
            ? new SoakMerchantAction.Rename(target, string.Create(CultureInfo.InvariantCulture, $"Merchant's {target} #{++_names}"))
            : new SoakMerchantAction.Reprice(target, Math.Round(5m + (decimal)random.NextDouble() * 200m, 2));
    }

    /// <summary>
    /// The next records the back office appends to its feed, in the order it lists them: usually one change, sometimes a
    /// pair for one SKU with the newer listed first.
    /// </summary>
    public IReadOnlyList<SoakFeedChange> NextFeedRecords()
    {
        if (random.NextDouble() < UnknownShare)
        {
            var seq = ++_seq;
            var sku = string.Create(CultureInfo.InvariantCulture, $"BO-NEW-{seq:D5}");
            return [new SoakFeedChange(sku, seq, At(seq), new Dictionary<string, string> { ["name"] = $"New from the back office {seq}", ["price"] = Price(seq) }, null)];
        }

        var targets = _products.Where(p => p.Role != SoakProductRole.MerchantOnly).ToList();
        if (targets.Count == 0)
        {
            return [];
        }

        // A few hot SKUs are changed again and again.
        var pool = random.NextDouble() < HotShare ? targets.Take(5).ToList() : targets;
        var product = pool[random.Next(pool.Count)];
        var variant = product.VariantSkus.Count > 0 && random.Next(2) == 0;
        var skuOf = variant ? product.VariantSkus[random.Next(product.VariantSkus.Count)] : product.Sku;
        var fields = variant ? VariantFields : ProductFields;
        var first = Change(skuOf, product.Id, fields);
        if (random.NextDouble() >= OutOfOrderShare)
        {
            return [first];
        }

        // The same SKU again, newer, overlapping at least one field: listed before the older one.
        var newer = Change(skuOf, product.Id, fields, first.Fields.Keys.First());
        return [newer, first];
    }

    private SoakFeedChange Change(string sku, long productId, string[] fields, string? mustHave = null)
    {
        var seq = ++_seq;
        var chosen = fields.Where(_ => random.Next(3) == 0).ToHashSet();
        chosen.Add(mustHave ?? fields[random.Next(fields.Length)]);
        var values = chosen.ToDictionary(f => f, f => f switch
        {
            "name" => string.Create(CultureInfo.InvariantCulture, $"Back office's {sku} #{seq}"),
            "description" => string.Create(CultureInfo.InvariantCulture, $"Described by the back office, change {seq}"),
            "price" => Price(seq),
            "sale_price" => Text(50m + seq / 100m),
            "cost_price" => Text(20m + seq / 100m),
            _ => Text(1m + seq / 1000m),
        });
        return new SoakFeedChange(sku, seq, At(seq), values, productId);
    }

    private DateTimeOffset At(long seq) => feedEpoch.AddMilliseconds(seq * 100);

    private static string Price(long seq) => Text(100m + seq / 100m);

    public static string Text(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
