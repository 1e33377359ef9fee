using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Sandbox;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>Plain-HTTP helpers for the sandbox's inventory tests: store API calls, admin seeding, signed feed reads.</summary>
internal static class SandboxInventoryApi
{
    public const string Hash = "inv1";
    public const string Token = "inv-token";

    public sealed record Answer(HttpStatusCode Status, JsonNode? Body, string? RateLimitLeft, string Text, string? ContentType = null);

    public static Task<SandboxHost> StartAsync() => SandboxHost.StartAsync(o =>
    {
        o.Stores.Clear();
        o.Stores.Add(new StoreSeedOptions { Hash = Hash, Token = Token, SeedOrders = 0 });
    });

    public static HttpClient Client(SandboxHost sandbox) => new() { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

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
        return await ReadAsync(response);
    }

    public static Task<Answer> AdjustAsync(HttpClient http, params object[] items) =>
        SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v3/inventory/adjustments/absolute", new { reason = "test", items });

    /// <summary>Seeds the catalog: <c>(sku, trackedBy, product)</c> triples.</summary>
    public static async Task<IReadOnlyList<JsonObject>> SeedAsync(HttpClient http, object body)
    {
        using var response = await http.PostAsJsonAsync($"_admin/stores/{Hash}/catalog", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return [.. created["items"]!.AsArray().Select(i => i!.AsObject())];
    }

    /// <summary>A back-office feed read, signed as the connector signs it (HMAC of the request target).</summary>
    public static async Task<Answer> ReadFeedAsync(HttpClient http, SandboxHost sandbox, string? cursor = null, int? limit = null)
    {
        var target = $"/backoffice/inventory?store={Hash}"
            + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))
            + (limit is null ? "" : $"&limit={limit}");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.TrimStart('/'), UriKind.Relative));
        var key = Encoding.UTF8.GetBytes(sandbox.Options.BackOffice.SigningSecret);
        request.Headers.Add("X-Connector-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(target))));
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var left = response.Headers.TryGetValues("X-Rate-Limit-Requests-Left", out var values) ? values.First() : null;
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Malformed on purpose (feed corruption): the test reads Text.
        }
        return new Answer(response.StatusCode, body, left, text, response.Content.Headers.ContentType?.MediaType);
    }
}
