using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Connector.BackOffice;
using Connector.EndToEndTests.Infrastructure;
using Sandbox;
using static Connector.EndToEndTests.Sandbox.SandboxInventoryApi;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>The sandbox back office's POST /backoffice/bigcommerce-shipments over real HTTP: signature first, then headers and body, keys.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxBigCommerceShipmentsTests
{
    private const string Store = "bcs1";

    private static string Body(long shipmentId = 12, string extra = "") =>
        $$"""{"store_hash":"{{Store}}","order_id":100,"shipment_id":{{shipmentId}},"created_at":"2025-03-04T08:15:30+00:00","tracking_number":"1Z1","items":[{"order_product_id":31,"product_id":87,"quantity":2}]{{extra}}}""";

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, SandboxHost sandbox, string body, string? key = "k", string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("backoffice/bigcommerce-shipments", UriKind.Relative)) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Connector-Signature", signature ?? BackOfficeSignature.Compute(sandbox.Options.BackOffice.SigningSecret, bytes));
        request.Headers.Add("X-Store-Hash", Store);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_shipment_is_received_once_per_key_and_bad_requests_are_refused_and_counted()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(http, sandbox, Body(), signature: "sha256=" + new string('0', 64)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(http, sandbox, "not json", signature: "sha256=" + new string('0', 64)));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(http, sandbox, Body(), key: null));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(http, sandbox, "{not json"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(http, sandbox, Body(extra: ""","shipping_address":{"city":"X"}""")));
        Assert.Equal(HttpStatusCode.Created, await PostAsync(http, sandbox, Body(), key: $"{Store}:shipment:12"));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(http, sandbox, Body(), key: $"{Store}:shipment:12"));

        var summary = (await http.GetFromJsonAsync<JsonObject>($"backoffice/_admin/bigcommerce-shipments?store={Store}"))!;
        Assert.Equal((1, 1, 2, 3), (summary["accepted"]!.GetValue<int>(), summary["duplicateAttempts"]!.GetValue<int>(),
            summary["invalidSignature"]!.GetValue<int>(), summary["invalidRequests"]!.GetValue<int>()));
        var one = Assert.Single(summary["shipments"]!.AsArray())!;
        // Attempts count every POST under the key, the 409 included.
        Assert.Equal((12L, 2), (one["shipmentId"]!.GetValue<long>(), one["attempts"]!.GetValue<int>()));
        Assert.Equal("1Z1", one["body"]!["tracking_number"]!.GetValue<string>());

        (await http.PostAsync("backoffice/_admin/reset", null)).EnsureSuccessStatusCode();
        Assert.Empty((await http.GetFromJsonAsync<JsonObject>($"backoffice/_admin/bigcommerce-shipments?store={Store}"))!["shipments"]!.AsArray());
    }
}
