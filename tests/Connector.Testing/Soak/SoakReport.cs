using System.Globalization;
using System.Text;

namespace Connector.Testing.Soak;

/// <summary>One message left in a poison queue at the end, and why it is there (the connector's poison envelope).</summary>
public sealed record PoisonedMessage(string Queue, string Body)
{
    public string Describe()
    {
        try
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(Body)!.AsObject();
            var subject = json["orderId"] ?? json["sku"] ?? json["flow"];
            return $"`{Queue}` store {json["storeHash"]}, {subject}: {json["poison"]?["lastError"] ?? "no reason recorded"} " +
                   $"({json["poison"]?["attempts"]} attempts)";
        }
        catch (System.Text.Json.JsonException)
        {
            return $"`{Queue}`: {Body}";
        }
    }
}

/// <summary>What a soak run did and what it found; <see cref="Passed"/> is the promise to a merchant.</summary>
public sealed record SoakReport
{
    public required SoakOptions Options { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TimeSpan LoadPhase { get; init; }

    /// <summary>From the last fault cleared (and the last order created) until everything was where it belongs; null = never.</summary>
    public required TimeSpan? DrainTime { get; init; }

    public required int OrdersCreated { get; init; }
    public required int OrderVersionsCreated { get; init; }
    public required int OrdersDelivered { get; init; }
    public required int OrdersLost { get; init; }
    public required IReadOnlyList<string> LostOrders { get; init; }
    public required int DeliveredMoreThanOnceWithDifferentKeys { get; init; }
    public required int BackOfficeDeliveries { get; init; }
    public required int DuplicateAttempts { get; init; }
    public required int Rejected { get; init; }
    public required IReadOnlyList<PoisonedMessage> Poison { get; init; }

    public required int SkusChanged { get; init; }
    public required long SkuWrites { get; init; }
    public required int SkusStale { get; init; }
    public required IReadOnlyList<string> StaleSkus { get; init; }

    public required long BigCommerceRequests { get; init; }
    public required long BigCommerce429s { get; init; }
    public required IReadOnlyDictionary<string, long> InjectedFaults { get; init; }
    public required IReadOnlyDictionary<string, long> Webhooks { get; init; }

    public required int Kills { get; init; }

    /// <summary>Store tokens revoked during a back-office outage, each store then registered again.</summary>
    public int Revocations { get; init; }
    public required int AzuriteRestarts { get; init; }
    public required int LogWarnings { get; init; }
    public required int LogErrors { get; init; }
    public required IReadOnlyList<string> Timeline { get; init; }

    /// <summary>The back office's shipments and cancellations (issue 14); <see cref="SoakShipmentFigures.None"/> when the run had none.</summary>
    public SoakShipmentFigures Shipments { get; init; } = SoakShipmentFigures.None;

    /// <summary>The catalog both ways (issue 18); <see cref="SoakCatalogFigures.None"/> when the run had no catalog stores.</summary>
    public SoakCatalogFigures Catalog { get; init; } = SoakCatalogFigures.None;

    public bool Passed =>
        OrdersLost == 0 && DeliveredMoreThanOnceWithDifferentKeys == 0 && SkusStale == 0 && DrainTime is not null && Poison.Count == 0 && Shipments.Passed && Catalog.Passed;

    public string ToMarkdown()
    {
        var o = Options;
        var text = new StringBuilder();
        void Line(string s) => text.Append(s).Append('\n');
        string N(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

        Line($"## Soak run {StartedAt:yyyy-MM-dd HH:mm} UTC: {(Passed ? "PASSED" : "FAILED")}");
        Line("");
        Line($"{o.Instances} LocalHost process(es) on one Azurite, {o.Stores} stores, {N(o.Orders)} orders over {N(LoadPhase.TotalMinutes)} min, {o.Skus} SKUs per store ({N(o.SkuChangeShare * 100)} % changed per cycle), " +
             $"poll `{o.OrderPollSchedule}`, push `{o.InventoryPushSchedule}`, shipments poll `{o.ShipmentPollSchedule}`, {N(o.FulfilmentShare * 100)} % of orders shipped or cancelled by the back office, quota {o.Quota}/{N(o.WindowMs / 1000.0)} s per store, " +
             $"faults {(o.Faults ? "on" : "off")}, seed {o.Seed}, message lease {N(o.MessageLease.TotalSeconds)} s" +
             (o.CatalogStores > 0 ? $"; catalog: {o.CatalogStores} store(s) of {o.CatalogProducts} products, {N(o.CatalogMerchantChangesPerMinute)} merchant changes and {N(o.CatalogFeedChangesPerMinute)} feed records a minute, poll `{o.CatalogPollSchedule}`, push `{o.CatalogPushSchedule}`." : "."));
        Line("");
        Line("| figure | value |");
        Line("|---|---|");
        Line($"| orders created | {N(OrdersCreated)} ({N(OrderVersionsCreated)} versions with the later status changes) |");
        Line($"| orders delivered (latest version at the back office) | {N(OrdersDelivered)} |");
        Line($"| **lost** | **{N(OrdersLost)}** |");
        Line($"| **delivered more than once with different idempotency keys** | **{N(DeliveredMoreThanOnceWithDifferentKeys)}** |");
        Line($"| back-office deliveries (one per order version) | {N(BackOfficeDeliveries)} |");
        Line($"| duplicate attempts answered 409 (same key, never a second delivery) | {N(DuplicateAttempts)} |");
        Line($"| rejected by the back office | {N(Rejected)} |");
        Line($"| in poison at the end | {N(Poison.Count)} |");
        Line($"| time to drain after the last fault | {(DrainTime is { } d ? N(d.TotalSeconds) + " s" : "did not drain")} |");
        Line($"| SKUs given a quantity in the back office (the first load included) | {N(SkusChanged)} |");
        Line($"| SKU writes BigCommerce applied | {N(SkuWrites)} |");
        Line($"| **SKUs stale in BigCommerce at the end** | **{N(SkusStale)}** |");
        Line($"| BigCommerce requests | {N(BigCommerceRequests)} |");
        Line($"| BigCommerce 429s (quota) | {N(BigCommerce429s)} |");
        Line($"| injected faults | {string.Join(", ", InjectedFaults.Where(f => f.Value > 0).Select(f => $"{f.Key} {N(f.Value)}"))} |");
        Line($"| webhooks | {string.Join(", ", Webhooks.Where(f => f.Value > 0).Select(f => $"{f.Key} {N(f.Value)}"))} |");
        Line($"| LocalHost hard kills (SIGKILL) / Azurite restarts | {Kills} / {AzuriteRestarts} |");
        Line($"| store tokens revoked during a back-office outage, then registered again | {Revocations} |");
        Line($"| LocalHost log lines at warning / error | {N(LogWarnings)} / {N(LogErrors)} |");
        SoakShipmentLines.AppendRows(Shipments, Line, N);
        SoakCatalogLines.AppendRows(Catalog, Line, N);
        if (Poison.Count > 0)
        {
            Line("");
            Line("Poison messages:");
            foreach (var p in Poison.Take(20))
            {
                Line($"- {p.Describe()}");
            }
        }

        SoakShipmentLines.AppendDetails(Shipments, Line);
        SoakCatalogLines.AppendDetails(Catalog, Line);
        if (LostOrders.Count > 0 || StaleSkus.Count > 0)
        {
            Line("");
            Line($"Lost orders (first 20): {string.Join(", ", LostOrders.Take(20))}");
            Line($"Stale SKUs (first 20): {string.Join(", ", StaleSkus.Take(20))}");
        }

        Line("");
        Line("<details><summary>Timeline</summary>");
        Line("");
        foreach (var entry in Timeline)
        {
            Line($"- {entry}");
        }

        Line("");
        Line("</details>");
        return text.ToString();
    }
}
