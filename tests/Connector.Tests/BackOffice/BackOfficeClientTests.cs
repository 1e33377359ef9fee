using System.Net;
using System.Text.Json;
using Connector.BackOffice;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Connector.Tests.BackOffice;

public sealed class BackOfficeClientTests
{
    private const string Secret = "0123456789abcdef-shared-secret";
    private static readonly DateTimeOffset Modified = new(2019, 3, 11, 15, 17, 25, TimeSpan.Zero);

    private static readonly CanonicalOrder Order = new(
        StoreHash: "abc123",
        OrderId: 218,
        CreatedAt: Modified.AddDays(-6),
        ModifiedAt: Modified,
        Status: new OrderStatus(11, "Awaiting Fulfillment"),
        Currency: "USD",
        Totals: new OrderTotals(62.6793m, 67.84m, 11.09m, 12m, 0m, 10m, 5.31m, 64.53m, 69.84m),
        Payment: new OrderPayment("Cash", "authorized", 0m),
        Customer: new OrderCustomer(11, "janedoe@example.com", "en"),
        BillingAddress: new PostalAddress("Jane", "Doe", null, "555 East Street", null, "Austin", "Texas", "78108", "United States", "US", null, "janedoe@example.com"),
        Shipments: [],
        Lines: [new OrderLine(12, 77, null, "SLCTBS", "Towel – Beige", 3, 13.8598m, 15m, 41.5794m, 45m)],
        CustomerMessage: "Leave in backyard",
        StaffNotes: null,
        ChannelId: 1,
        ExternalOrderId: null);

    private static BackOfficeClient Client(StubHttpHandler stub, string baseUrl = "http://bo.test/api/", TimeSpan? timeout = null)
    {
        var http = new HttpClient(stub);
        if (timeout is { } t)
        {
            http.Timeout = t;
        }

        return new BackOfficeClient(http, Options.Create(new BackOfficeOptions { BaseUrl = new Uri(baseUrl), SigningSecret = Secret }));
    }

    private static Task<DeliveryOutcome> Deliver(StubHttpHandler stub, CancellationToken cancellationToken = default) =>
        Client(stub).DeliverOrderAsync(Order, "corr-42", cancellationToken);

    [Fact]
    public async Task Posts_the_order_as_JSON_to_the_orders_endpoint()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.Created));

        await Deliver(stub);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(new Uri("http://bo.test/api/orders"), sent.Uri);
        Assert.Equal("application/json", sent.ContentType);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal(218, body.RootElement.GetProperty("order_id").GetInt64());
        Assert.Equal("abc123", body.RootElement.GetProperty("store_hash").GetString());
    }

    [Fact]
    public async Task Sends_the_idempotency_key_of_this_order_version_the_store_and_the_correlation_id()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.Created));

        await Deliver(stub);

        var sent = Assert.Single(stub.Requests);
        Assert.Equal(BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified), sent.Header("Idempotency-Key"));
        Assert.Equal("abc123", sent.Header("X-Store-Hash"));
        Assert.Equal("corr-42", sent.Header("X-Correlation-Id"));
    }

    [Fact]
    public async Task Signs_the_exact_bytes_it_sends()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.Created));

        await Deliver(stub);

        var sent = Assert.Single(stub.Requests);
        var signature = sent.Header("X-Connector-Signature");
        Assert.StartsWith("sha256=", signature, StringComparison.Ordinal);
        Assert.True(BackOfficeSignature.Verify(Secret, sent.Body, signature));
        Assert.False(BackOfficeSignature.Verify("some-other-secret-entirely", sent.Body, signature));
    }

    [Fact]
    public async Task Delivering_the_same_version_twice_sends_the_same_key_and_signature()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.Created));

        await Deliver(stub);
        await Deliver(stub);

        Assert.Equal(stub.Requests[0].Header("Idempotency-Key"), stub.Requests[1].Header("Idempotency-Key"));
        Assert.Equal(stub.Requests[0].Header("X-Connector-Signature"), stub.Requests[1].Header("X-Connector-Signature"));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.Created)]
    [InlineData(HttpStatusCode.Accepted)]
    [InlineData(HttpStatusCode.Conflict)] // the back office already has this version
    public async Task A_2xx_or_409_means_delivered(HttpStatusCode status)
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(status, """{"status":"ok"}"""));

        var outcome = await Deliver(stub);

        Assert.Equal(new DeliveryOutcome.Delivered(status), outcome);
    }

    [Fact]
    public async Task A_422_is_a_rejection_with_the_problem_detail_as_its_reason()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.UnprocessableEntity,
            """{"type":"https://bo.test/problems/sku","title":"Unprocessable order","status":422,"detail":"SKU SLCTBS is not in the item master"}""",
            "application/problem+json"));

        var outcome = await Deliver(stub);

        Assert.Equal(new DeliveryOutcome.Rejected(HttpStatusCode.UnprocessableEntity, "SKU SLCTBS is not in the item master"), outcome);
    }

    [Fact]
    public async Task A_400_in_plain_text_is_a_rejection_with_that_text()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Text(HttpStatusCode.BadRequest, "billing address is required"));

        var outcome = await Deliver(stub);

        Assert.Equal(new DeliveryOutcome.Rejected(HttpStatusCode.BadRequest, "billing address is required"), outcome);
    }

    [Fact]
    public async Task A_refusal_whose_text_is_huge_is_a_rejection_named_by_its_status_without_reading_it_all()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Text(HttpStatusCode.BadRequest, new string('x', 200 * 1024)));

        var outcome = Assert.IsType<DeliveryOutcome.Rejected>(await Deliver(stub));

        Assert.StartsWith("400 Bad Request (an answer of more than 64 KB", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inventory_page_larger_than_the_connector_reads_is_refused_unread_as_a_feed_fault()
    {
        var huge = "{\"items\":[],\"next_cursor\":null}" + new string(' ', BackOfficeOptions.MaxAnswerBytes);
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK, huge));

        var error = await Assert.ThrowsAsync<Connector.Inventory.InventoryFeedException>(() =>
            Client(stub).ReadInventoryPageAsync("store1", null, "corr-42", CancellationToken.None));

        Assert.Contains("larger than 16,777,216 bytes: not read", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task A_5xx_429_or_408_means_try_again_later(HttpStatusCode status)
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Text(status, "busy"));

        var error = await Assert.ThrowsAsync<BackOfficeUnavailableException>(() => Deliver(stub));

        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_failure_means_try_again_later()
    {
        var refused = new HttpRequestException("Connection refused (bo.test:80)");
        var stub = new StubHttpHandler((_, _, _) => throw refused);

        var error = await Assert.ThrowsAsync<BackOfficeUnavailableException>(() => Deliver(stub));

        Assert.Same(refused, error.InnerException);
    }

    [Fact]
    public async Task A_back_office_that_does_not_answer_in_time_is_unavailable()
    {
        var stub = new StubHttpHandler(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), ct);
            return StubHttpHandler.Status(HttpStatusCode.Created);
        });

        await Assert.ThrowsAsync<BackOfficeUnavailableException>(() =>
            Client(stub, timeout: TimeSpan.FromMilliseconds(100)).DeliverOrderAsync(Order, "corr-42", CancellationToken.None));
    }

    [Fact]
    public async Task Cancelling_the_delivery_is_a_cancellation_not_an_outage()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.Created));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var error = await Record.ExceptionAsync(() => Deliver(stub, cancelled.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task A_base_url_without_a_trailing_slash_still_posts_under_it()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.Created));

        await Client(stub, baseUrl: "http://bo.test/api").DeliverOrderAsync(Order, "corr-42", CancellationToken.None);

        Assert.Equal(new Uri("http://bo.test/api/orders"), Assert.Single(stub.Requests).Uri);
    }
}
