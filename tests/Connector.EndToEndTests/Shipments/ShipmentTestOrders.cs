using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Shipments;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>What the tests of the shipments flow read and arrange, in the terms they assert.</summary>
internal static class ShipmentTestOrders
{
    public sealed record Line(long OrderProductId, string Sku, int Quantity, int QuantityShipped);

    public static async Task<IReadOnlyList<Line>> LinesAsync(this ConnectorSystem system, long orderId)
    {
        var view = await system.Admin.GetOrderAsync(system.StoreHash, orderId);
        return view["products"]!.AsArray().Select(p => new Line(
            p!["id"]!.GetValue<long>(), p["sku"]!.GetValue<string>(), p["quantity"]!.GetValue<int>(), p["quantity_shipped"]!.GetValue<int>())).ToList();
    }

    public static async Task<int> StatusAsync(this ConnectorSystem system, long orderId) =>
        (await system.Admin.GetOrderAsync(system.StoreHash, orderId))["order"]!["status_id"]!.GetValue<int>();

    public static async Task<IReadOnlyList<JsonObject>> BigCommerceShipmentsAsync(this ConnectorSystem system, long orderId) =>
        (await system.Admin.ShipmentsAsync(system.StoreHash, orderId)).Select(s => s!.AsObject()).ToList();

    public static Task<FulfilmentEntry?> FulfilmentAsync(this ConnectorSystem system, string kind, string id) =>
        system.Service<FulfilmentLedger>().FindAsync(system.StoreHash, kind, id, CancellationToken.None);

    /// <summary>Waits until the record's row is final (done or refused) and returns it.</summary>
    public static async Task<FulfilmentEntry> SettledAsync(this ConnectorSystem system, string kind, string id, TimeSpan? timeout = null)
    {
        FulfilmentEntry? entry = null;
        await Eventually.TrueAsync(async () =>
        {
            entry = await system.FulfilmentAsync(kind, id);
            return FulfilmentState.IsFinal(entry?.State);
        }, $"{kind} {id} done or refused", timeout ?? TimeSpan.FromSeconds(60));
        return entry!;
    }

    public static Task AllowCancellationsAsync(this ConnectorSystem system, bool allowed = true) =>
        system.Service<Connector.Stores.StoreSettings>().SaveShipmentSettingsAsync(system.StoreHash, new ShipmentSettings { CancellationsAllowed = allowed }, CancellationToken.None);

    public static async Task FeedAsync(this ConnectorSystem system, params JsonObject[] records)
    {
        await system.Admin.AppendBackOfficeShipmentsAsync(system.StoreHash, records);
        await system.RunShipmentPollAsync();
    }

    /// <summary>A shipment made in BigCommerce as the merchant (or another app) makes it, over the store's V2 API; returns its id.</summary>
    public static async Task<long> MerchantShipsAsync(this ConnectorSystem system, long orderId, long orderProductId, int quantity, string trackingNumber)
    {
        using var addresses = new HttpRequestMessage(HttpMethod.Get, $"stores/{system.StoreHash}/v2/orders/{orderId}/shipping_addresses");
        addresses.Headers.Add("X-Auth-Token", system.Token);
        using var found = await system.SandboxHttp.SendAsync(addresses);
        found.EnsureSuccessStatusCode();
        var addressId = (await found.Content.ReadFromJsonAsync<JsonArray>())![0]!["id"]!.GetValue<long>();

        using var create = new HttpRequestMessage(HttpMethod.Post, $"stores/{system.StoreHash}/v2/orders/{orderId}/shipments")
        {
            Content = JsonContent.Create(new
            {
                order_address_id = addressId,
                tracking_number = trackingNumber,
                items = new[] { new { order_product_id = orderProductId, quantity } },
            }),
        };
        create.Headers.Add("X-Auth-Token", system.Token);
        using var created = await system.SandboxHttp.SendAsync(create);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    /// <summary>How many calls the store's BigCommerce API got for one endpoint (e.g. "POST /orders/{id}/shipments").</summary>
    public static async Task<int> CallsAsync(this ConnectorSystem system, string endpoint) =>
        (await system.Admin.StoreStatsAsync(system.StoreHash))["byEndpoint"]?[endpoint]?.GetValue<int>() ?? 0;

    public static Uri PushUrl(this ConnectorSystem system) => new(system.Connector.Http.BaseAddress!, "/api/backoffice/shipments");
}
