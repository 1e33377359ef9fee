using System.Net;
using Connector.BigCommerce;
using Connector.Stores;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Connector.Tests.BigCommerce;

/// <summary>Retry decisions of the real pipeline (AddBigCommercePipeline), with a stub where the network would be.</summary>
public sealed class BigCommerceResilienceTests
{
    private const string Store = "abc123";
    private static readonly DateTimeOffset Modified = new(2019, 3, 11, 15, 17, 25, TimeSpan.Zero);

    private static ServiceProvider Services(StubHttpHandler stub, int maxRetryAttempts = 6)
    {
        var tokens = new Mock<IStoreTokenProvider>();
        tokens.Setup(t => t.GetAccessTokenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync("tok");

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.Configure<BigCommerceOptions>(o =>
        {
            o.ApiBaseUrl = new Uri("http://bc.test");
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.MaxRetryAttempts = maxRetryAttempts;
        });
        services.AddSingleton(new StoreQuotaGate(TimeProvider.System, 0));
        services.AddTransient<QuotaGateHandler>();
        services.AddSingleton(tokens.Object);
        services.AddHttpClient<BigCommerceOrdersClient>()
            .AddBigCommercePipeline()
            .ConfigurePrimaryHttpMessageHandler(() => stub);
        return services.BuildServiceProvider();
    }

    private static async Task<V2Order?> GetOrder(StubHttpHandler stub, int maxRetryAttempts = 6)
    {
        await using var services = Services(stub, maxRetryAttempts);
        return await services.GetRequiredService<BigCommerceOrdersClient>().GetOrderAsync(Store, 218, CancellationToken.None);
    }

    private static HttpResponseMessage Ok() => StubHttpHandler.Json(HttpStatusCode.OK, V2OrderJson.Minimal(218, Modified));

    [Fact]
    public async Task A_429_waits_for_the_quota_window_to_reset_then_succeeds()
    {
        var stub = StubHttpHandler.Sequence(
            () => StubHttpHandler.Status(HttpStatusCode.TooManyRequests).WithHeader(RateLimitHeaders.ResetMs, "300"),
            Ok);

        var order = await GetOrder(stub);

        Assert.Equal(218, order?.Id);
        Assert.Equal(2, stub.Calls);
        var waited = stub.Requests[1].At - stub.Requests[0].At;
        Assert.True(waited >= TimeSpan.FromMilliseconds(290), $"the retry came {waited.TotalMilliseconds} ms after the 429");
    }

    [Fact]
    public async Task Server_errors_are_retried_until_an_answer_comes()
    {
        var stub = StubHttpHandler.Sequence(
            () => StubHttpHandler.Status(HttpStatusCode.ServiceUnavailable),
            () => StubHttpHandler.Status(HttpStatusCode.BadGateway),
            Ok);

        var order = await GetOrder(stub);

        Assert.Equal(218, order?.Id);
        Assert.Equal(3, stub.Calls);
    }

    [Fact]
    public async Task A_lasting_outage_gives_up_after_the_configured_retries_as_a_transient_failure()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Status(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<BigCommerceApiException>(() => GetOrder(stub, maxRetryAttempts: 2));

        Assert.True(error.IsTransient);
        Assert.Equal(3, stub.Calls);
    }

    [Fact]
    public async Task A_401_is_not_retried()
    {
        var stub = StubHttpHandler.Sequence(() => StubHttpHandler.Status(HttpStatusCode.Unauthorized), Ok);

        await Assert.ThrowsAsync<StoreUnauthorizedException>(() => GetOrder(stub));

        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task A_404_is_not_retried()
    {
        var stub = StubHttpHandler.Sequence(() => StubHttpHandler.Status(HttpStatusCode.NotFound), Ok);

        Assert.Null(await GetOrder(stub));
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        var stub = StubHttpHandler.Sequence(() => StubHttpHandler.Status(HttpStatusCode.BadRequest), Ok);

        var error = await Assert.ThrowsAsync<BigCommerceApiException>(() => GetOrder(stub));

        Assert.False(error.IsTransient);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public async Task An_attempt_that_hangs_past_the_attempt_timeout_is_abandoned_and_retried()
    {
        var stub = new StubHttpHandler(async (_, call, ct) =>
        {
            if (call == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }

            return Ok();
        });

        var order = await GetOrder(stub);

        Assert.Equal(218, order?.Id);
        Assert.Equal(2, stub.Calls);
        var second = stub.Requests[1].At - stub.Requests[0].At;
        Assert.True(second >= TimeSpan.FromSeconds(1.9) && second < TimeSpan.FromSeconds(10), $"the retry came after {second}");
    }

    [Fact]
    public void QuotaResetDelay_after_a_429_is_the_reset_header_plus_a_little_jitter()
    {
        using var response = StubHttpHandler.Status(HttpStatusCode.TooManyRequests).WithHeader(RateLimitHeaders.ResetMs, "300");

        var delay = BigCommerceResilience.QuotaResetDelay(response);

        Assert.NotNull(delay);
        Assert.InRange(delay.Value, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(450));
    }

    [Fact]
    public void QuotaResetDelay_reads_the_header_name_case_insensitively()
    {
        using var response = StubHttpHandler.Status(HttpStatusCode.TooManyRequests).WithHeader("x-rate-limit-time-reset-ms", "15000");

        Assert.InRange(BigCommerceResilience.QuotaResetDelay(response)!.Value, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15.2));
    }

    [Fact]
    public void QuotaResetDelay_leaves_a_429_without_headers_to_the_backoff()
    {
        using var response = StubHttpHandler.Status(HttpStatusCode.TooManyRequests);

        Assert.Null(BigCommerceResilience.QuotaResetDelay(response));
    }

    [Fact]
    public void QuotaResetDelay_leaves_other_failures_to_the_backoff()
    {
        using var serverError = StubHttpHandler.Status(HttpStatusCode.InternalServerError).WithHeader(RateLimitHeaders.ResetMs, "300");

        Assert.Null(BigCommerceResilience.QuotaResetDelay(serverError));
        Assert.Null(BigCommerceResilience.QuotaResetDelay(null));
    }
}
