using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.Testing;

namespace Connector.EndToEndTests.Shipments;

/// <summary>
/// Someone other than the connector shipping in BigCommerce (the merchant in the control panel, another app): V2
/// calls to the sandbox store with the store's token, as that client would make them.
/// </summary>
internal static class MerchantShipments
{
    /// <summary>Ships every unit of the order's first product; returns the new shipment.</summary>
    public static async Task<JsonObject> ShipFirstProductAsync(ConnectorSystem system, long orderId, string trackingNumber)
    {
        var product = (await GetAsync(system, $"orders/{orderId}/products")).AsArray()[0]!.AsObject();
        var address = (await GetAsync(system, $"orders/{orderId}/shipping_addresses")).AsArray()[0]!["id"]!.GetValue<long>();
        using var request = Request(system, HttpMethod.Post, $"orders/{orderId}/shipments");
        request.Content = JsonContent.Create(new
        {
            order_address_id = address,
            tracking_number = trackingNumber,
            shipping_provider = "",
            tracking_carrier = "ups",
            shipping_method = "Ground",
            items = new[] { new { order_product_id = product["id"]!.GetValue<long>(), quantity = product["quantity"]!.GetValue<int>() } },
        });
        using var response = await system.SandboxHttp.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The order's products as V2 lists them (id = order product id, sku, quantity).</summary>
    public static async Task<IReadOnlyList<JsonObject>> ProductsAsync(ConnectorSystem system, long orderId) =>
        [.. (await GetAsync(system, $"orders/{orderId}/products")).AsArray().Select(p => p!.AsObject())];

    private static async Task<JsonNode> GetAsync(ConnectorSystem system, string path)
    {
        using var request = Request(system, HttpMethod.Get, path);
        using var response = await system.SandboxHttp.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    private static HttpRequestMessage Request(ConnectorSystem system, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri($"stores/{system.StoreHash}/v2/{path}", UriKind.Relative));
        request.Headers.Add("X-Auth-Token", system.Token);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }
}
