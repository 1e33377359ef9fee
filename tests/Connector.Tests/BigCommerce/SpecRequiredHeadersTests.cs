using System.Net;
using Connector.BigCommerce;
using Connector.Orders;
using Connector.Stores;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Moq;

namespace Connector.Tests.BigCommerce;

/// <summary>
/// Every BigCommerce operation the connector calls carries the headers its OpenAPI spec marks <c>required: true</c>
/// (orders.v2.oas2.yml, inventory.v3.yml, locations.v3.yml, product-variants_catalog.v3.yml; webhooks.v3.yml marks none,
/// so its writes are held to what any JSON body needs). The table below is copied from the specs.
/// </summary>
public sealed class SpecRequiredHeadersTests
{
    private const string Store = "abc123";

    /// <summary>Operation (method and path from the store's API root, ids as {id}) → the header parameters the spec requires.</summary>
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["GET /v2/orders"] = ["Accept"],
        ["GET /v2/orders/{id}"] = ["Accept"],
        ["GET /v2/orders/{id}/products"] = ["Accept", "Content-Type"],
        ["PUT /v2/orders/{id}"] = ["Accept", "Content-Type"],
        ["GET /v3/inventory/locations"] = ["Accept"],
        ["PUT /v3/inventory/adjustments/absolute"] = ["Accept", "Content-Type"],
        ["GET /v3/catalog/variants"] = ["Accept"],
        ["GET /v3/hooks"] = [],
        ["GET /v3/hooks/admin"] = [],
        ["POST /v3/hooks"] = ["Content-Type"],
        ["PUT /v3/hooks/{id}"] = ["Content-Type"],
        ["DELETE /v3/hooks/{id}"] = [],
    };

    [Fact]
    public async Task Every_operation_the_connector_calls_sends_the_headers_its_spec_requires()
    {
        var stub = new StubHttpHandler((request, _, _) => Task.FromResult(Answer(request)));
        var http = new HttpClient(stub);
        var tokens = new Mock<IStoreTokenProvider>();
        tokens.Setup(t => t.GetAccessTokenAsync(Store, It.IsAny<CancellationToken>())).ReturnsAsync("tok");
        var options = Options.Create(new BigCommerceOptions { ApiBaseUrl = new Uri("http://bc.test") });
        var orders = new BigCommerceOrdersClient(http, tokens.Object, options);
        var inventory = new BigCommerceInventoryClient(http, tokens.Object, options);
        var hooks = new BigCommerceWebhooksClient(http, tokens.Object, options);
        var hook = new V3WebhookWrite("store/order/created", "https://x.test/hook", true, new Dictionary<string, string>());

        await orders.ListOrdersAsync(Store, new OrderPageRequest(DateTimeOffset.UnixEpoch), CancellationToken.None);
        await orders.GetOrderAsync(Store, 218, CancellationToken.None);
        await orders.ListOrderProductsAsync(Store, 218, CancellationToken.None);
        await orders.UpdateOrderStatusAsync(Store, 218, 2, CancellationToken.None);
        await inventory.ListLocationsAsync(Store, CancellationToken.None);
        await inventory.SetAbsoluteAsync(Store, "SKU-1", null, new Dictionary<long, int> { [1] = 3 }, CancellationToken.None);
        await inventory.FindProductIdAsync(Store, "SKU-1", CancellationToken.None);
        await hooks.ListAsync(Store, CancellationToken.None);
        await hooks.AdminAsync(Store, CancellationToken.None);
        await hooks.CreateAsync(Store, hook, CancellationToken.None);
        await hooks.UpdateAsync(Store, 7, hook, CancellationToken.None);
        await hooks.DeleteAsync(Store, 7, CancellationToken.None);

        var sent = stub.Requests.ToLookup(Operation);
        Assert.Equal(Required.Keys.Order(StringComparer.Ordinal), sent.Select(g => g.Key).Order(StringComparer.Ordinal));
        foreach (var (operation, headers) in Required)
        {
            foreach (var request in sent[operation])
            {
                Assert.Equal("tok", request.Header("X-Auth-Token"));
                foreach (var header in headers)
                {
                    var value = request.Header(header);
                    Assert.True(value is not null, $"{operation} is sent without {header}, which the spec requires.");
                    Assert.StartsWith("application/json", value, StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>"GET /v2/orders/{id}/products": the request's method and path below the store, numbers as {id}.</summary>
    private static string Operation(CapturedRequest request)
    {
        var segments = request.Uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(2)
            .Select(s => s.All(char.IsAsciiDigit) ? "{id}" : s);
        return $"{request.Method} /{string.Join('/', segments)}";
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.Contains("/v2/", StringComparison.Ordinal))
        {
            return path.EndsWith("/products", StringComparison.Ordinal) || path.EndsWith("/orders", StringComparison.Ordinal)
                ? StubHttpHandler.Json(HttpStatusCode.OK, "[]")
                : StubHttpHandler.Json(HttpStatusCode.OK, V2OrderJson.SpecExample);
        }

        return (request.Method.Method, path.EndsWith("/admin", StringComparison.Ordinal)) switch
        {
            ("POST", _) or ("PUT", _) when path.Contains("/hooks", StringComparison.Ordinal) =>
                StubHttpHandler.Json(HttpStatusCode.OK, """{"data":{"id":7,"scope":"store/order/created","destination":"https://x.test/hook","is_active":true}}"""),
            (_, true) => StubHttpHandler.Json(HttpStatusCode.OK, """{"data":{}}"""),
            ("GET", _) => StubHttpHandler.Json(HttpStatusCode.OK, """{"data":[]}"""),
            _ => StubHttpHandler.Json(HttpStatusCode.OK, "{}"),
        };
    }
}
