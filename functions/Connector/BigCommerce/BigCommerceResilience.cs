using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connector.BigCommerce;

/// <summary>
/// The pipeline every BigCommerce call goes through, outermost first: retry (429 waits the window's
/// reset, other transient faults back off with jitter) → circuit breaker (per store) → quota gate →
/// per-attempt timeout. 401/403/404 and other refusals are not retried.
/// </summary>
public static class BigCommerceResilience
{
    /// <param name="repeatWrites">
    /// False for calls that create something with no idempotency key (a V2 shipment): a POST is then repeated only after a
    /// 429, which BigCommerce answers before doing anything. After a 5xx or a timeout it may have been done, and the
    /// caller must look before posting again.
    /// </param>
    public static IHttpClientBuilder AddBigCommercePipeline(this IHttpClientBuilder client, bool repeatWrites = true)
    {
        client.AddResilienceHandler("bigcommerce", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<BigCommerceOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = TimeSpan.FromSeconds(30),
                    ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && (repeatWrites || args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
                            || args.Context.GetRequestMessage()?.Method is not { Method: "POST" })),
                    DelayGenerator = static args => ValueTask.FromResult(QuotaResetDelay(args.Outcome.Result)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.7,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                    // A 429 means "slow down", which the gate and retry handle; it says nothing about the store's health.
                    ShouldHandle = static args => ValueTask.FromResult(
                        HttpClientResiliencePredicates.IsTransient(args.Outcome)
                        && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests),
                });
            })
            // One breaker per store: one store's outage must not stop the others.
            .SelectPipelineBy(static _ => request => QuotaGateHandler.StoreHashOf(request.RequestUri) ?? "-");

        client.AddHttpMessageHandler<QuotaGateHandler>();

        // The attempt timeout sits inside the gate so that waiting for quota never counts as a slow answer.
        client.AddResilienceHandler("bigcommerce-attempt", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<BigCommerceOptions>>().Value;
            pipeline.AddTimeout(options.AttemptTimeout);
        });
        return client;
    }

    /// <summary>After a 429, wait exactly until the quota window resets; otherwise use the jittered backoff.</summary>
    internal static TimeSpan? QuotaResetDelay(HttpResponseMessage? response)
    {
        if (response?.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return null;
        }

        var reset = RateLimitHeaders.Read(response.Headers).TimeToReset;
        // A 429 without headers means platform load (api-rate-limits.mdx): fall back to backoff.
        return reset is null ? null : reset.Value + TimeSpan.FromMilliseconds(Random.Shared.Next(20, 120));
    }
}
