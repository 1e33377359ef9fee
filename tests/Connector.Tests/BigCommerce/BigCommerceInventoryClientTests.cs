using System.Net;
using System.Text.Json;
using Connector.BigCommerce;
using Connector.Stores;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Moq;

namespace Connector.Tests.BigCommerce;

public sealed class BigCommerceInventoryClientTests
{
    private const string Store = "abc123";

    private static BigCommerceInventoryClient Client(StubHttpHandler stub)
    {
        var tokens = new Mock<IStoreTokenProvider>(MockBehavior.Strict);
        tokens.Setup(t => t.GetAccessTokenAsync(Store, It.IsAny<CancellationToken>())).ReturnsAsync("tok");
        tokens.Setup(t => t.Forget(Store));
        return new BigCommerceInventoryClient(new HttpClient(stub), tokens.Object,
            Options.Create(new BigCommerceOptions { ApiBaseUrl = new Uri("http://bc.test") }));
    }

    [Fact]
    public async Task Sets_an_absolute_quantity_by_sku_at_each_location()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK, """{"transaction_id":"t"}"""));

        var result = await Client(stub).SetAbsoluteAsync(Store, "MUG", null, new Dictionary<long, int> { [1] = 12 }, CancellationToken.None);

        Assert.Equal(AdjustmentOutcome.Applied, result.Outcome);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal("/stores/abc123/v3/inventory/adjustments/absolute", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.BodyText);
        var item = Assert.Single(body.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(1, item.GetProperty("location_id").GetInt64());
        Assert.Equal("MUG", item.GetProperty("sku").GetString());
        Assert.Equal(12, item.GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Addresses_by_product_id_when_given_one()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK, "{}"));

        await Client(stub).SetAbsoluteAsync(Store, "MUG", 77, new Dictionary<long, int> { [1] = 3 }, CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(stub.Requests).BodyText);
        var item = Assert.Single(body.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(77, item.GetProperty("product_id").GetInt64());
        Assert.False(item.TryGetProperty("sku", out _));
    }

    [Fact]
    public async Task A_422_tracked_by_product_asks_for_the_product_id()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.UnprocessableEntity,
            """{"status":422,"title":"[Item with variant_id 106 is tracked by product, please update stock by product id]","errors":{}}"""));

        var result = await Client(stub).SetAbsoluteAsync(Store, "MUG", null, new Dictionary<long, int> { [1] = 3 }, CancellationToken.None);

        Assert.Equal(AdjustmentOutcome.TrackedByProduct, result.Outcome);
    }

    [Fact]
    public async Task The_specs_problem_json_naming_the_sku_as_tracked_by_product_asks_for_the_product_id()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.UnprocessableEntity,
            """{"status":422,"title":"[Item with sku POSTER is tracked by product, please update stock by product id]","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{}}""",
            "application/problem+json"));

        var result = await Client(stub).SetAbsoluteAsync(Store, "POSTER", null, new Dictionary<long, int> { [1] = 3 }, CancellationToken.None);

        Assert.Equal(AdjustmentOutcome.TrackedByProduct, result.Outcome);
        Assert.Equal("[Item with sku POSTER is tracked by product, please update stock by product id]", result.Reason);
    }

    [Fact]
    public async Task Several_skus_go_in_one_request_each_by_its_own_identifier()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK, """{"transaction_id":"t"}"""));

        var result = await Client(stub).SetAbsoluteAsync(Store,
            [new SkuAdjustment("MUG", null, new Dictionary<long, int> { [1] = 2, [2] = 4 }), new SkuAdjustment("POSTER", 77, new Dictionary<long, int> { [1] = 9 })],
            CancellationToken.None);

        Assert.Equal(AdjustmentOutcome.Applied, result.Outcome);
        using var body = JsonDocument.Parse(Assert.Single(stub.Requests).BodyText);
        var items = body.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("location_id").GetInt64(), i.TryGetProperty("sku", out var sku) ? sku.GetString() : $"product {i.GetProperty("product_id").GetInt64()}", i.GetProperty("quantity").GetInt32()))
            .ToArray();
        Assert.Equal([(1L, "MUG", 2), (2L, "MUG", 4), (1L, "product 77", 9)], items);
    }

    [Fact]
    public async Task Another_422_means_BigCommerce_does_not_know_the_sku()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.UnprocessableEntity,
            """{"status":422,"title":"[Item with sku GHOST does not exist]","errors":{"items.0.sku":"Item with sku GHOST does not exist"}}"""));

        var result = await Client(stub).SetAbsoluteAsync(Store, "GHOST", null, new Dictionary<long, int> { [1] = 3 }, CancellationToken.None);

        Assert.Equal(AdjustmentOutcome.UnknownSku, result.Outcome);
        Assert.Contains("does not exist", result.Reason);
    }

    [Fact]
    public async Task A_server_error_is_transient()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.InternalServerError, "{}"));

        var ex = await Assert.ThrowsAsync<BigCommerceApiException>(() =>
            Client(stub).SetAbsoluteAsync(Store, "MUG", null, new Dictionary<long, int> { [1] = 3 }, CancellationToken.None));

        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Finds_the_product_of_a_sku()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK, """{"data":[{"id":5,"product_id":77,"sku":"MUG"}]}"""));

        Assert.Equal(77, await Client(stub).FindProductIdAsync(Store, "MUG", CancellationToken.None));
        Assert.Equal("/stores/abc123/v3/catalog/variants", Assert.Single(stub.Requests).Uri.AbsolutePath);
    }

    [Fact]
    public async Task Reads_the_store_locations()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK,
            """{"data":[{"id":1,"code":"BC-LOCATION-1","label":"Default","enabled":true},{"id":2,"code":"WH","label":"Warehouse","enabled":false}]}"""));

        var locations = await Client(stub).ListLocationsAsync(Store, CancellationToken.None);

        Assert.Equal([new(1, "BC-LOCATION-1", "Default", true), new(2, "WH", "Warehouse", false)], locations);
    }
}
