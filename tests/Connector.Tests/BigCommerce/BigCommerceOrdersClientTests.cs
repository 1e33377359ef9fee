using System.Net;
using System.Text.Json;
using Connector.BigCommerce;
using Connector.Orders;
using Connector.Stores;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Moq;

namespace Connector.Tests.BigCommerce;

public sealed class BigCommerceOrdersClientTests
{
    private const string Store = "abc123";
    private const string Token = "tok-abc123-secret";
    private static readonly DateTimeOffset Modified = new(2019, 3, 11, 15, 17, 25, TimeSpan.Zero);

    private static BigCommerceOrdersClient Client(StubHttpHandler stub)
    {
        var tokens = new Mock<IStoreTokenProvider>(MockBehavior.Strict);
        tokens.Setup(t => t.GetAccessTokenAsync(Store, It.IsAny<CancellationToken>())).ReturnsAsync(Token);
        tokens.Setup(t => t.Forget(Store));
        return new BigCommerceOrdersClient(new HttpClient(stub), tokens.Object,
            Options.Create(new BigCommerceOptions { ApiBaseUrl = new Uri("http://bc.test") }));
    }

    private static Dictionary<string, string> Query(Uri uri) =>
        uri.Query.TrimStart('?').Split('&')
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    private static StubHttpHandler Answer(HttpStatusCode status, string json) =>
        StubHttpHandler.Always(() => StubHttpHandler.Json(status, json));

    [Fact]
    public async Task Lists_orders_modified_since_a_date_in_RFC_2822_URL_encoded_oldest_change_first()
    {
        var stub = Answer(HttpStatusCode.OK, "[]");
        var since = Rfc2822Date.Parse("Thu, 20 Apr 2017 11:32:00 -0400");

        await Client(stub).ListOrdersAsync(Store, new OrderPageRequest(since), CancellationToken.None);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Get, sent.Method);
        Assert.Equal("/stores/abc123/v2/orders", sent.Uri.AbsolutePath);
        var query = Query(sent.Uri);
        Assert.Equal("Thu%2C%2020%20Apr%202017%2015%3A32%3A00%20%2B0000", query["min_date_modified"]);
        Assert.Equal(since, Rfc2822Date.Parse(Uri.UnescapeDataString(query["min_date_modified"])));
        Assert.Equal("date_modified:asc", query["sort"]);
        Assert.Equal("250", query["limit"]);
        Assert.False(query.ContainsKey("page"));
    }

    [Fact]
    public async Task Lists_a_crowded_second_by_id_after_the_last_one_read()
    {
        var stub = Answer(HttpStatusCode.OK, "[]");
        var second = Rfc2822Date.Parse("Thu, 20 Apr 2017 15:32:00 +0000");

        await Client(stub).ListOrdersAsync(Store, new OrderPageRequest(second, AfterId: 41), CancellationToken.None);

        var query = Query(Assert.Single(stub.Requests).Uri);
        Assert.Equal(query["min_date_modified"], query["max_date_modified"]);
        Assert.Equal(second, Rfc2822Date.Parse(Uri.UnescapeDataString(query["max_date_modified"])));
        Assert.Equal("42", query["min_id"]);
        Assert.Equal("id:asc", query["sort"]);
    }

    [Fact]
    public async Task Sends_the_stores_access_token_and_asks_for_JSON()
    {
        var stub = Answer(HttpStatusCode.OK, "[]");

        await Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(Token, sent.Header("X-Auth-Token"));
        Assert.Equal("application/json", sent.Header("Accept"));
    }

    [Fact]
    public async Task Reads_the_orders_of_a_page()
    {
        var stub = Answer(HttpStatusCode.OK, V2OrderJson.Array([V2OrderJson.Minimal(101, Modified), V2OrderJson.Minimal(102, Modified.AddSeconds(1))]));

        var orders = await Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None);

        Assert.Equal(new long[] { 101, 102 }, orders.Select(o => o.Id));
        Assert.Equal(Modified.AddSeconds(1), orders[1].DateModified);
    }

    [Fact]
    public async Task A_204_is_an_empty_page()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.NoContent));

        var orders = await Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None);

        Assert.Empty(orders);
    }

    [Fact]
    public async Task Gets_one_order_with_its_consignments_and_line_items()
    {
        var stub = Answer(HttpStatusCode.OK, V2OrderJson.SpecExample);

        var order = await Client(stub).GetOrderAsync(Store, 218, CancellationToken.None);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal("/stores/abc123/v2/orders/218", sent.Uri.AbsolutePath);
        var query = Query(sent.Uri);
        Assert.Equal("consignments.line_items", query["include"]);
        Assert.Equal("object", query["consignment_structure"]);
        Assert.NotNull(order);
        Assert.Equal(218, order.Id);
        Assert.Equal(new long[] { 12, 13 }, order.Consignments!.Shipping!.Single().LineItems!.Select(l => l.Id));
    }

    [Fact]
    public async Task An_order_that_does_not_exist_is_null()
    {
        var stub = Answer(HttpStatusCode.NotFound, """[{"status":404,"message":"The requested resource was not found."}]""");

        Assert.Null(await Client(stub).GetOrderAsync(Store, 999, CancellationToken.None));
    }

    [Fact]
    public async Task A_refused_token_means_the_store_needs_reauthorizing()
    {
        var stub = Answer(HttpStatusCode.Unauthorized, """[{"status":401,"message":"You are not authorized."}]""");

        var error = await Assert.ThrowsAsync<StoreUnauthorizedException>(() => Client(stub).GetOrderAsync(Store, 218, CancellationToken.None));

        Assert.Equal(Store, error.StoreHash);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_is_a_missing_scope_not_a_refused_token()
    {
        var stub = Answer(HttpStatusCode.Forbidden, """[{"status":403,"message":"You don't have a required scope to access the endpoint"}]""");

        var error = await Assert.ThrowsAsync<StoreScopeMissingException>(() => Client(stub).GetOrderAsync(Store, 218, CancellationToken.None));

        Assert.Equal(Store, error.StoreHash);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain(Token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_401_a_newer_token_from_a_reinstall_is_tried_once_before_giving_up_on_the_store()
    {
        var stub = StubHttpHandler.Sequence(
            () => StubHttpHandler.Json(HttpStatusCode.Unauthorized, "[]"),
            () => StubHttpHandler.Json(HttpStatusCode.NoContent, ""));
        var tokens = new Mock<IStoreTokenProvider>();
        tokens.SetupSequence(t => t.GetAccessTokenAsync(Store, It.IsAny<CancellationToken>())).ReturnsAsync("old-token").ReturnsAsync("new-token");
        var client = new BigCommerceOrdersClient(new HttpClient(stub), tokens.Object,
            Options.Create(new BigCommerceOptions { ApiBaseUrl = new Uri("http://bc.test") }));

        var orders = await client.ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None);

        Assert.Empty(orders);
        Assert.Equal(["old-token", "new-token"], stub.Requests.Select(r => r.Header("X-Auth-Token")));
        tokens.Verify(t => t.Forget(Store), Times.Once);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_server_error_or_429_is_worth_trying_again(HttpStatusCode status)
    {
        var stub = Answer(status, """[{"status":500,"message":"Internal error"}]""");

        var error = await Assert.ThrowsAsync<BigCommerceApiException>(() =>
            Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None));

        Assert.IsNotType<StoreUnauthorizedException>(error);
        Assert.True(error.IsTransient);
        Assert.Equal(status, error.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task A_refused_request_is_not_worth_trying_again_and_says_why(HttpStatusCode status)
    {
        var stub = Answer(status, """[{"status":400,"message":"The field 'min_date_modified' is invalid."}]""");

        var error = await Assert.ThrowsAsync<BigCommerceApiException>(() =>
            Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Equal(status, error.Status);
        Assert.Contains("The field 'min_date_modified' is invalid.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_failure_is_worth_trying_again()
    {
        var stub = new StubHttpHandler((_, _, _) => throw new HttpRequestException("Connection reset by peer"));

        var error = await Assert.ThrowsAsync<BigCommerceApiException>(() => Client(stub).GetOrderAsync(Store, 218, CancellationToken.None));

        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task An_HTML_page_instead_of_JSON_is_a_bad_response_naming_text_html()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Text(HttpStatusCode.OK, "<html><body>Maintenance</body></html>", "text/html"));

        var error = await Assert.ThrowsAsync<BigCommerceResponseException>(() =>
            Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None));

        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_order_without_date_modified_is_a_bad_response_naming_the_field()
    {
        var json = V2OrderJson.Minimal(101, Modified).Replace($",\"date_modified\":\"{Rfc2822Date.Format(Modified)}\"", "", StringComparison.Ordinal);
        Assert.DoesNotContain("date_modified", json, StringComparison.Ordinal);
        var stub = Answer(HttpStatusCode.OK, $"[{json}]");

        var error = await Assert.ThrowsAsync<BigCommerceResponseException>(() =>
            Client(stub).ListOrdersAsync(Store, new OrderPageRequest(Modified), CancellationToken.None));

        Assert.Contains("date_modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_that_is_not_a_number_is_a_bad_response()
    {
        var json = V2OrderJson.Minimal(101, Modified).Replace("\"id\":101", "\"id\":\"abc\"", StringComparison.Ordinal);
        var stub = Answer(HttpStatusCode.OK, json);

        var error = await Assert.ThrowsAsync<BigCommerceResponseException>(() => Client(stub).GetOrderAsync(Store, 101, CancellationToken.None));

        Assert.IsType<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Reads_the_next_page_of_products_while_pages_are_full_and_stops_on_204()
    {
        var fullPage = V2OrderJson.Array(Enumerable.Range(1, 250).Select(i => V2OrderJson.Product(i, 218)));
        var stub = StubHttpHandler.Sequence(
            () => StubHttpHandler.Json(HttpStatusCode.OK, fullPage),
            () => StubHttpHandler.Status(HttpStatusCode.NoContent));

        var products = await Client(stub).ListOrderProductsAsync(Store, 218, CancellationToken.None);

        Assert.Equal(250, products.Count);
        Assert.Equal(2, stub.Calls);
        Assert.All(stub.Requests, r => Assert.Equal("/stores/abc123/v2/orders/218/products", r.Uri.AbsolutePath));
        Assert.Equal(new[] { "1", "2" }, stub.Requests.Select(r => Query(r.Uri)["page"]));
        Assert.All(stub.Requests, r => Assert.Equal("250", Query(r.Uri)["limit"]));
    }

    [Fact]
    public async Task Stops_reading_products_after_a_short_page()
    {
        var stub = StubHttpHandler.Sequence(
            () => StubHttpHandler.Json(HttpStatusCode.OK, V2OrderJson.Array(Enumerable.Range(1, 250).Select(i => V2OrderJson.Product(i, 218)))),
            () => StubHttpHandler.Json(HttpStatusCode.OK, V2OrderJson.Array(Enumerable.Range(251, 7).Select(i => V2OrderJson.Product(i, 218)))),
            () => throw new InvalidOperationException("a third page was read"));

        var products = await Client(stub).ListOrderProductsAsync(Store, 218, CancellationToken.None);

        Assert.Equal(257, products.Count);
        Assert.Equal(257, products.Select(p => p.Id).Distinct().Count());
        Assert.Equal(2, stub.Calls);
    }

    [Fact]
    public async Task Updates_an_order_status_with_a_PUT_of_status_id()
    {
        var stub = Answer(HttpStatusCode.OK, V2OrderJson.Minimal(218, Modified, statusId: 9));

        var updated = await Client(stub).UpdateOrderStatusAsync(Store, 218, 9, CancellationToken.None);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal("/stores/abc123/v2/orders/218", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal(9, body.RootElement.GetProperty("status_id").GetInt32());
        Assert.Equal(9, updated.StatusId);
    }
}
