using System.Text.Json.Nodes;
using Connector.Catalog;
using Connector.CatalogPush;

namespace Connector.EndToEndTests.CatalogPush;

/// <summary>What the catalog-push tests share: the push turned on, feed records, reads of BigCommerce and the ledger.</summary>
internal static class CatalogPushSetup
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static Task PushOnAsync(this ConnectorSystem system, ProductCreation creation = ProductCreation.Off, LimitPolicy limits = LimitPolicy.Truncate) =>
        system.ChangeCatalogSettingsAsync(s => s with { PushEnabled = true, Creation = creation, Limits = limits });

    /// <summary>One feed record: the SKU, its change time (<see cref="T0"/> plus <paramref name="minute"/> minutes) and its fields.</summary>
    public static JsonObject Change(string sku, int minute, params (string Field, JsonNode? Value)[] fields)
    {
        var record = new JsonObject { ["sku"] = sku, ["changed_at"] = T0.AddMinutes(minute).ToString("O") };
        foreach (var (field, value) in fields)
        {
            record[field] = value;
        }

        return record;
    }

    public static Task FeedAsync(this ConnectorSystem system, params JsonObject[] records) =>
        system.Admin.AppendCatalogChangesAsync(system.StoreHash, records);

    public static async Task<JsonObject> ProductAsync(this ConnectorSystem system, long id) =>
        (await system.Admin.ProductsAsync(system.StoreHash)).Single(p => p["id"]!.GetValue<long>() == id);

    public static Task<CatalogPushEntry?> PushEntryAsync(this ConnectorSystem system, string sku) =>
        system.Service<CatalogPushLedger>().FindAsync(system.StoreHash, sku, CancellationToken.None);

    public static async Task<string?> PushStatusAsync(this ConnectorSystem system, string sku) => (await system.PushEntryAsync(sku))?.Status;

    public static async Task<long> RequestsAsync(this ConnectorSystem system, string endpoint) =>
        (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]?[endpoint]?.GetValue<long>() ?? 0;
}
