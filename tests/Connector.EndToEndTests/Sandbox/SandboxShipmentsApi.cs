using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Sandbox;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>Plain-HTTP helpers for the sandbox's shipment tests: V2 calls as a BigCommerce client makes them.</summary>
internal static class SandboxShipmentsApi
{
    public const string Hash = "ship1";
    public const string Token = "ship-token";

    public sealed record Answer(HttpStatusCode Status, JsonNode? Body, string? RateLimitLeft);

    /// <summary>One line to ship: an order product's id and how many of it.</summary>
    public sealed record Line(long OrderProductId, int Quantity);

    public static Task<SandboxHost> StartAsync() => SandboxHost.StartAsync(o =>
    {
        o.Stores.Clear();
        o.Stores.Add(new StoreSeedOptions { Hash = Hash, Token = Token, SeedOrders = 0 });
    });

    public static HttpClient Client(SandboxHost sandbox) => new() { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static string V2(string path) => $"stores/{Hash}/v2/{path.TrimStart('/')}";

    public static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, object? body = null, string token = Token)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var left = response.Headers.TryGetValues("X-Rate-Limit-Requests-Left", out var values) ? values.First() : null;
        return new Answer(response.StatusCode, ParseOrNull(text), left);
    }

    /// <summary>Injected faults may answer HTML, as BigCommerce's CDN does; the test then reads the status only.</summary>
    private static JsonNode? ParseOrNull(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>A new order (status Awaiting Fulfillment) with exactly <paramref name="lines"/> order products.</summary>
    public static async Task<long> CreateOrderAsync(HttpClient http, int lines)
    {
        using var response = await http.PostAsJsonAsync($"_admin/stores/{Hash}/orders", new { count = 1, lineItems = lines });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["ids"]![0]!.GetValue<long>();
    }

    public static async Task<JsonObject> OrderAsync(HttpClient http, long orderId)
    {
        var answer = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return answer.Body!.AsObject();
    }

    public static async Task<IReadOnlyList<JsonObject>> ProductsAsync(HttpClient http, long orderId)
    {
        var answer = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/products"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return [.. answer.Body!.AsArray().Select(p => p!.AsObject())];
    }

    /// <summary>The order's shipping address id, as a client finds it (GET /orders/{id}/shipping_addresses).</summary>
    public static async Task<long> AddressIdAsync(HttpClient http, long orderId)
    {
        var answer = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipping_addresses"));
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        return Assert.Single(answer.Body!.AsArray())!["id"]!.GetValue<long>();
    }

    public static Task<Answer> ShipAsync(HttpClient http, long orderId, long addressId, params Line[] lines) =>
        ShipAsync(http, orderId, new Dictionary<string, object?> { ["order_address_id"] = addressId, ["items"] = Items(lines) });

    public static Task<Answer> ShipAsync(HttpClient http, long orderId, IReadOnlyDictionary<string, object?> body) =>
        SendAsync(http, HttpMethod.Post, V2($"orders/{orderId}/shipments"), body);

    public static object[] Items(params Line[] lines) =>
        [.. lines.Select(l => new { order_product_id = l.OrderProductId, quantity = l.Quantity })];

    /// <summary>Every unit of the product that isn't shipped yet.</summary>
    public static Line Rest(JsonObject product) =>
        new(product["id"]!.GetValue<long>(), product["quantity"]!.GetValue<int>() - product["quantity_shipped"]!.GetValue<int>());

    public static DateTimeOffset Rfc2822(JsonNode? date) =>
        DateTimeOffset.ParseExact(date!.GetValue<string>(), "ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The single message of a V2 error answer, after checking its shape: <c>[{status, message}]</c> with the HTTP status.</summary>
    public static string ErrorMessage(Answer answer)
    {
        var error = Assert.Single(answer.Body!.AsArray())!;
        Assert.Equal((int)answer.Status, error["status"]!.GetValue<int>());
        return error["message"]!.GetValue<string>();
    }
}
