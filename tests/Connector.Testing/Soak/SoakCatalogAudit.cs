using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Connector.CatalogPush;
using Connector.Hosting;
using Connector.Storage;

namespace Connector.Testing.Soak;

/// <summary>
/// Counts <see cref="SoakCatalogFigures"/> from what the sandbox recorded (every product version and who made it, what each
/// API write set, what the back office received) and the connector's CatalogPush ledger. The definitions:
/// <list type="bullet">
/// <item><b>Echo</b>: a version the sandbox records as made by an API write (the connector's push; nothing else writes
/// through the store's API in the soak) delivered to the back office when it had a version of that product already (a
/// first delivery is the product itself, counted apart).</item>
/// <item><b>Lost (pull)</b>: a product whose newest control-panel version (its deletion, if deleted) is not at the back
/// office, unless only the connector's writes followed it and the back office has an earlier version of the product
/// (<see cref="SoakCatalogFigures.Folded"/>, the documented price of no echo).</item>
/// <item><b>Doubled (pull)</b>: one product version under more than one idempotency key.</item>
/// <item><b>Newest wins (pull)</b>: the back office's last body is its newest version, with the name, price and visibility
/// BigCommerce had at that version; no older version after a newer one, nothing after a deletion.</item>
/// <item><b>Lost / newest wins (push)</b>: each field of each known SKU ends with the value of the newest feed change for it
/// (values are unique per change; the merchant never sets a field the feed sets); not so and never written is lost.</item>
/// <item><b>Doubled (push)</b>: a feed change's value written onto a field that already held it, though BigCommerce had
/// answered the write that put it there; apart are a repeat after a lost answer or after a kill or storage outage right
/// after the first write (the at-least-once retry: the write landed, its record did not) and a rewrite by an older change's
/// writer whose own write had landed just before (it cannot know which landed last).</item>
/// </list>
/// </summary>
/// <summary>A LocalHost process killed, or storage away, from <paramref name="From"/> to <paramref name="To"/>.</summary>
public sealed record SoakDisruption(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How long before a disruption a write may have been made and not yet recorded (its answer, then the ledger update).</summary>
    public static readonly TimeSpan Reach = TimeSpan.FromSeconds(10);

    public bool Covers(DateTimeOffset at) => at >= From - Reach && at <= To;
}

public sealed partial class SoakCatalogAudit(SandboxAdmin admin, string storageConnectionString)
{
    /// <param name="final">The report's count (not a pass of the drain): a lost deletion is explained with the sandbox's webhook attempts.</param>
    public async Task<SoakCatalogFigures> CountAsync(SoakCatalog catalog, IReadOnlyList<PoisonedMessage> poison, IReadOnlyList<SoakDisruption> disruptions, bool final = false)
    {
        var f = new Tally();
        foreach (var store in catalog.Stores)
        {
            var history = (await admin.ProductHistoryAsync(store)).Select(Version.From).ToList();
            f.MerchantVersions += history.Count(v => !v.Api);
            f.ConnectorVersions += history.Count(v => v.Api);
            f.Requests += (await admin.StoreStatsAsync(store))["requests"]!.GetValue<long>();
            Pull(store, history, await admin.ProductsReceivedAsync(store), f);
            Push(store, catalog.Feed(store), history, await admin.ProductsAsync(store), await RowsAsync(store), disruptions, f);
            if (final && f.PullLost.Any(l => l.StartsWith(store + "/", StringComparison.Ordinal) && l.Contains("deletion", StringComparison.Ordinal)))
            {
                // At the end only: what BigCommerce did with the store's deletion webhooks, to tell a lost event from a lost message.
                var attempts = await admin.WebhookDeliveriesAsync(store, "store/product/deleted");
                f.Problems.Add($"{store}: store/product/deleted webhooks: {attempts.Select(a => a.EventId).Distinct().Count()} events, " +
                               $"{attempts.Count(a => a.Succeeded)} attempts answered 2xx, others: " +
                               string.Join(", ", attempts.Where(a => !a.Succeeded).GroupBy(a => $"{a.Status} {a.Error}").Select(g => $"{g.Count()} × {g.Key}")));
            }

        }

        return new SoakCatalogFigures
        {
            Stores = catalog.Stores.Count,
            ProductsSeeded = catalog.SeededProducts,
            MerchantActions = catalog.Stores.SelectMany(catalog.MerchantActions).GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Count()),
            MerchantVersions = f.MerchantVersions,
            ConnectorVersions = f.ConnectorVersions,
            BigCommerceRequests = f.Requests,
            FeedRecords = f.FeedRecords,
            FeedUnknown = f.FeedUnknown,
            FeedSkusChangedMoreThanOnce = f.SkusMoreThanOnce,
            FeedOutOfOrderPairs = f.OutOfOrder,
            ProductsToDeliver = f.ToDeliver,
            ProductsDelivered = f.Delivered,
            DeletionsDelivered = f.DeletionsDelivered,
            DeletedBeforeDelivered = f.DeletedBeforeDelivered,
            BackOfficeDeliveries = f.Deliveries,
            BackOfficeDuplicates = f.Duplicates,
            Folded = f.Folded,
            PullLost = f.PullLost,
            PullDoubled = f.PullDoubled,
            Echoed = f.Echoed,
            PullNotNewest = f.PullNotNewest,
            FeedApplied = f.Applied,
            FeedSuperseded = f.Superseded,
            FieldWrites = f.FieldWrites,
            RepeatsAfterLostAnswer = f.RepeatsAfterLostAnswer,
            RaceRewrites = f.RaceRewrites,
            RepeatsAfterDisruption = f.RepeatsAfterDisruption,
            FirstDeliveredInOwnVersion = f.FirstInOwnVersion,
            Restorations = f.Restorations,
            PushLost = f.PushLost,
            PushNotNewest = f.PushNotNewest,
            PushDoubled = f.PushDoubled,
            Refused = f.Reasons.Values.Sum(),
            RefusalReasons = f.Reasons,
            Problems = f.Problems,
            ProductsPoison = poison.Count(p => p.Queue == QueueNames.PoisonOf(QueueNames.Products)),
            CatalogPushPoison = poison.Count(p => p.Queue == QueueNames.PoisonOf(QueueNames.CatalogPush)),
        };
    }

    private static void Pull(string store, List<Version> history, JsonObject received, Tally f)
    {
        f.Deliveries += received["accepted"]!.GetValue<int>();
        f.Duplicates += received["duplicates"]!.GetValue<int>();
        var olderAfterNewer = received["olderAfterNewer"]!.GetValue<int>();
        var afterDeletion = received["afterDeletion"]!.GetValue<int>();
        if (olderAfterNewer + afterDeletion > 0)
        {
            f.PullNotNewest.Add($"{store}: {olderAfterNewer} older versions accepted after newer ones, {afterDeletion} deliveries after a deletion");
        }

        var made = history.Where(v => !v.Deleted).ToDictionary(v => (v.ProductId, v.Unix));
        var byProduct = received["products"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["productId"]!.GetValue<long>());
        var newestReceived = new Dictionary<long, long>();
        foreach (var (id, product) in byProduct)
        {
            var versions = product["keys"]!.AsArray().Select(k => k!.GetValue<string>().Split(':')[^1]).ToList();
            foreach (var twice in versions.GroupBy(v => v).Where(g => g.Count() > 1))
            {
                f.PullDoubled.Add($"{store}/{id} version {twice.Key}: {twice.Count()} deliveries");
            }

            var first = true;
            foreach (var unix in versions.Where(v => v != "deleted").Select(v => long.Parse(v, CultureInfo.InvariantCulture)))
            {
                newestReceived[id] = Math.Max(newestReceived.GetValueOrDefault(id, long.MinValue), unix);
                var own = made.TryGetValue((id, unix), out var version) && version.Api;
                if (own && first)
                {
                    // The back office had nothing of the product: this is the product, not the push's change coming back.
                    f.FirstInOwnVersion++;
                }
                else if (own)
                {
                    f.Echoed.Add($"{store}/{id} version {version!.At:HH:mm:ss}: made by the connector's write of {string.Join(", ", version.Writes.Select(w => w.Field).Distinct())}");
                }

                first = false;
            }
        }

        foreach (var product in history.GroupBy(v => v.ProductId))
        {
            var versions = product.ToList();
            var last = versions.FindLastIndex(v => !v.Api);
            var merchant = versions[last];
            var got = byProduct.GetValueOrDefault(product.Key);
            f.ToDeliver++;
            var name = $"{store}/{product.Key}";
            if (merchant.Deleted)
            {
                if (got?["deleted"]?.GetValue<bool>() == true)
                {
                    f.Delivered++;
                    f.DeletionsDelivered++;
                }
                else if (got is null)
                {
                    // Deleted before the back office had any version of it (before the import read the catalog, before
                    // the product webhooks were subscribed): there is nothing there to delete.
                    f.Delivered++;
                    f.DeletedBeforeDelivered++;
                }
                else
                {
                    f.PullLost.Add($"{name}: deleted in BigCommerce, the deletion not at the back office");
                }

                continue;
            }

            if (got?["deleted"]?.GetValue<bool>() == true)
            {
                f.PullNotNewest.Add($"{name}: delivered as deleted, but BigCommerce has it");
                continue;
            }

            var newest = newestReceived.TryGetValue(product.Key, out var n) ? n : (long?)null;
            if (newest >= merchant.Unix)
            {
                f.Delivered++;
                var body = got!["lastBody"]!.AsObject();
                var bodyVersion = body["version"] is { } bv ? DateTimeOffset.Parse(bv.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds() : (long?)null;
                var expected = made.GetValueOrDefault((product.Key, newest!.Value));
                if (bodyVersion != newest)
                {
                    f.PullNotNewest.Add($"{name}: the back office's last body is version {bodyVersion}, its newest {newest}");
                }
                else if (expected is { Api: false } && !Same(body, expected))
                {
                    f.PullNotNewest.Add($"{name}: the back office has {Describe(body)}, BigCommerce's version had name \"{expected.Name}\", price {expected.Price}, visible {expected.IsVisible}");
                }
            }
            else if (newest is not null && versions.Skip(last + 1).Any())
            {
                f.Folded.Add($"{name}: the merchant's version {merchant.At:HH:mm:ss} folded into the connector's write {versions[last + 1].At:HH:mm:ss}");
            }
            else
            {
                f.PullLost.Add($"{name}: the merchant's version {merchant.At:HH:mm:ss} not at the back office ({(newest is null ? "nothing of the product" : "it has an older version")}" +
                               $"{(versions.Skip(last + 1).Any() ? $"; {versions.Count - last - 1} connector writes followed" : "")})");
            }
        }
    }

    private static void Push(
        string store, IReadOnlyList<SoakFeedChange> feed, List<Version> history, IReadOnlyList<JsonObject> current, Dictionary<string, CatalogPushEntry> rows,
        IReadOnlyList<SoakDisruption> disruptions, Tally f)
    {
        f.FeedRecords += feed.Count;
        f.FeedUnknown += feed.Count(c => !c.Known);
        f.SkusMoreThanOnce += feed.Where(c => c.Known).GroupBy(c => c.Sku, StringComparer.OrdinalIgnoreCase).Count(g => g.Count() > 1);
        f.OutOfOrder += feed.Zip(feed.Skip(1)).Count(p => p.First.Sku == p.Second.Sku && p.First.Seq > p.Second.Seq);

        // Every field the connector wrote, in the order BigCommerce applied them.
        var seqOf = new Dictionary<(string Sku, string Field, string Value), long>();
        foreach (var change in feed)
        {
            foreach (var (field, value) in change.Fields)
            {
                seqOf[(change.Sku.ToUpperInvariant(), field, value)] = change.Seq;
            }
        }

        var sequence = new Dictionary<(string Sku, string Field), List<(string Value, bool Answered, DateTimeOffset At)>>();
        var everWritten = new HashSet<(string Sku, string Field, string Value)>();
        foreach (var version in history.Where(v => v.Api))
        {
            foreach (var write in version.Writes)
            {
                f.FieldWrites++;
                var sku = write.Sku.ToUpperInvariant();
                if (!sequence.TryGetValue((sku, write.Field), out var writes))
                {
                    sequence[(sku, write.Field)] = writes = [];
                }

                if (writes.Count > 0 && writes[^1].Value == write.Value)
                {
                    // An older change's write landed just before this value's first write: its writer, finding the newer
                    // claim after its own write, cannot know which landed last and writes the newer value again.
                    // Several older writers may each write the newer value again: look past the repeats to the value before them.
                    var before = writes.FindLastIndex(w => w.Value != write.Value);
                    var race = before >= 0 && seqOf.GetValueOrDefault((sku, write.Field, writes[before].Value), long.MaxValue) < seqOf.GetValueOrDefault((sku, write.Field, write.Value));
                    if (!writes[^1].Answered)
                    {
                        f.RepeatsAfterLostAnswer++;
                    }
                    else if (disruptions.Any(d => d.Covers(writes[^1].At)))
                    {
                        // Written just before a kill or while storage was away: the write landed, its record did not.
                        f.RepeatsAfterDisruption++;
                    }
                    else if (race)
                    {
                        f.RaceRewrites++;
                    }
                    else
                    {
                        f.PushDoubled.Add($"{store}/{write.Sku} {write.Field} = {write.Value}: written at {writes[^1].At:HH:mm:ss}, again at {version.At:HH:mm:ss} though in place");
                    }
                }
                else if (everWritten.Contains((sku, write.Field, write.Value)))
                {
                    f.Restorations++;
                }

                writes.Add((write.Value, version.Answered, version.At));
                everWritten.Add((sku, write.Field, write.Value));
            }
        }

        var state = CurrentFields(current);
        var newestByField = new Dictionary<(string Sku, string Field), SoakFeedChange>();
        foreach (var change in feed.Where(c => c.Known).OrderBy(c => c.ChangedAt))
        {
            foreach (var field in change.Fields.Keys)
            {
                newestByField[(change.Sku.ToUpperInvariant(), field)] = change;
            }
        }

        foreach (var change in feed.Where(c => c.Known))
        {
            var sku = change.Sku.ToUpperInvariant();
            var written = change.Fields.Count(v => everWritten.Contains((sku, v.Key, v.Value)));
            var superseded = change.Fields.Keys.All(field => newestByField[(sku, field)] != change);
            f.Applied += written > 0 ? 1 : 0;
            f.Superseded += written == 0 && superseded ? 1 : 0;
        }

        foreach (var ((sku, field), change) in newestByField)
        {
            var want = change.Fields[field];
            var have = state.GetValueOrDefault((sku, field));
            if (have == want)
            {
                continue;
            }

            (everWritten.Contains((sku, field, want)) ? f.PushNotNewest : f.PushLost).Add(
                $"{store}/{change.Sku} {field}: BigCommerce has {have ?? "(no such SKU)"}, the newest change (#{change.Seq}) {want}" +
                $"{(rows.TryGetValue(sku, out var row) ? $" (ledger: {row.Status}{(row.LastError is { } e ? ": " + e : "")})" : " (no ledger row)")}");
        }

        foreach (var row in rows.Values)
        {
            if (row.Status == CatalogPushStatus.Refused)
            {
                var reason = Numbers().Replace(row.LastError ?? "(no reason)", "N");
                f.Reasons[reason] = f.Reasons.GetValueOrDefault(reason) + 1;
            }
        }

        foreach (var sku in feed.Select(c => c.Sku.ToUpperInvariant()).Distinct())
        {
            var known = feed.First(c => string.Equals(c.Sku, sku, StringComparison.OrdinalIgnoreCase)).Known;
            var row = rows.GetValueOrDefault(sku);
            if (!known && row?.Status != CatalogPushStatus.Refused)
            {
                f.Problems.Add($"{store}/{sku}: unknown to BigCommerce, yet {row?.Status ?? "no ledger row"}");
            }
            else if (known && row?.Status is CatalogPushStatus.Refused or CatalogPushStatus.Pending or CatalogPushStatus.Failing)
            {
                f.Problems.Add($"{store}/{sku}: {row.Status}{(row.LastError is { } e ? ": " + e : "")}");
            }
        }

        if (rows.TryGetValue(CatalogPushLedger.FeedRowSku.ToUpperInvariant(), out var feedRow) && feedRow.Status == CatalogPushStatus.Refused)
        {
            f.Problems.Add($"{store}: the catalog-changes feed left refused: {feedRow.LastError}");
        }

        foreach (var sku in history.Where(v => v.Api).SelectMany(v => v.Writes).Select(w => w.Sku.ToUpperInvariant()).Distinct()
                     .Where(s => feed.All(c => !string.Equals(c.Sku, s, StringComparison.OrdinalIgnoreCase))))
        {
            f.Problems.Add($"{store}/{sku}: written by the connector, yet not in the feed");
        }
    }

    /// <summary>Every field the feed may set, of every product and variant SKU, as text.</summary>
    private static Dictionary<(string Sku, string Field), string> CurrentFields(IReadOnlyList<JsonObject> products)
    {
        var fields = new Dictionary<(string, string), string>();
        foreach (var p in products)
        {
            var sku = p["sku"]!.GetValue<string>().ToUpperInvariant();
            fields[(sku, "name")] = p["name"]!.GetValue<string>();
            fields[(sku, "description")] = p["description"]?.GetValue<string>() ?? "";
            fields[(sku, "price")] = Text(p["price"]);
            fields[(sku, "sale_price")] = Text(p["salePrice"]);
            fields[(sku, "cost_price")] = Text(p["costPrice"]);
            fields[(sku, "weight")] = Text(p["weight"]);
            foreach (var v in p["variantDetails"]!.AsArray().Select(v => v!.AsObject()))
            {
                var variant = v["sku"]!.GetValue<string>().ToUpperInvariant();
                fields[(variant, "price")] = Text(v["price"]);
                fields[(variant, "sale_price")] = Text(v["salePrice"]);
                fields[(variant, "cost_price")] = Text(v["costPrice"]);
                fields[(variant, "weight")] = Text(v["weight"]);
            }
        }

        return fields;
    }

    private static string Text(JsonNode? value) => value is null ? "" : SoakCatalogPlan.Text(value.GetValue<decimal>());

    private static bool Same(JsonObject body, Version version) =>
        body["name"]?.GetValue<string>() == version.Name
        && body["prices"]?["price"]?.GetValue<decimal>() == version.Price
        && body["is_visible"]?.GetValue<bool>() == version.IsVisible;

    private static string Describe(JsonObject body) =>
        $"name \"{body["name"]}\", price {body["prices"]?["price"]}, visible {body["is_visible"]}";

    private async Task<Dictionary<string, CatalogPushEntry>> RowsAsync(string store)
    {
        var rows = new Dictionary<string, CatalogPushEntry>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in new TableClient(storageConnectionString, TableNames.CatalogPush).QueryAsync<CatalogPushEntry>(e => e.PartitionKey == store))
            {
                rows[row.Sku.ToUpperInvariant()] = row;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No table yet: nothing recorded.
        }

        return rows;
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Numbers();

    private sealed record FieldWrite(string Sku, string Field, string Value);

    /// <summary>One product version from the sandbox's history.</summary>
    private sealed record Version(long ProductId, DateTimeOffset At, bool Api, bool Deleted, string? Name, decimal? Price, bool? IsVisible, bool Answered, IReadOnlyList<FieldWrite> Writes)
    {
        public long Unix => At.ToUnixTimeSeconds();

        public static Version From(JsonObject v) => new(
            v["productId"]!.GetValue<long>(),
            v["version"]!.GetValue<DateTimeOffset>(),
            v["origin"]!.GetValue<string>() == "api",
            v["deleted"]!.GetValue<bool>(),
            v["name"]?.GetValue<string>(),
            v["price"]?.GetValue<decimal>(),
            v["isVisible"]?.GetValue<bool>(),
            v["answered"]!.GetValue<bool>(),
            [.. v["writes"]!.AsArray().Select(w => new FieldWrite(w!["sku"]!.GetValue<string>(), w["field"]!.GetValue<string>(), w["value"]!.GetValue<string>()))]);
    }

    private sealed class Tally
    {
        public long Requests;
        public int MerchantVersions, ConnectorVersions, FeedRecords, FeedUnknown, SkusMoreThanOnce, OutOfOrder;
        public int ToDeliver, Delivered, DeletionsDelivered, DeletedBeforeDelivered, Deliveries, Duplicates, Applied, Superseded, FieldWrites, RepeatsAfterLostAnswer, Restorations, RaceRewrites, RepeatsAfterDisruption, FirstInOwnVersion;
        public List<string> Folded { get; } = [];
        public List<string> PullLost { get; } = [];
        public List<string> PullDoubled { get; } = [];
        public List<string> Echoed { get; } = [];
        public List<string> PullNotNewest { get; } = [];
        public List<string> PushLost { get; } = [];
        public List<string> PushNotNewest { get; } = [];
        public List<string> PushDoubled { get; } = [];
        public List<string> Problems { get; } = [];
        public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
    }
}
