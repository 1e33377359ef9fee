using System.Net;

namespace Connector.BigCommerce;

/// <summary>
/// Puts every BigCommerce attempt (retries included) through the store's quota gate (this process's pace) and, where
/// registered, the quota every instance shares.
/// </summary>
public sealed class QuotaGateHandler(StoreQuotaGate gate, SharedQuota? shared = null, Telemetry.ConnectorMetrics? metrics = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var store = StoreHashOf(request.RequestUri);
        if (store is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        await gate.AcquireAsync(store, cancellationToken);
        HttpResponseMessage? response = null;
        RateLimitHeaders? headers = null;
        try
        {
            if (shared is not null)
            {
                await shared.AcquireAsync(store, cancellationToken);
            }

            response = await base.SendAsync(request, cancellationToken);
            headers = RateLimitHeaders.Read(response.Headers);
            return response;
        }
        finally
        {
            var rateLimited = response?.StatusCode == HttpStatusCode.TooManyRequests;
            gate.Release(store, headers, rateLimited);
            shared?.Observe(store, headers, rateLimited);
            metrics?.BigCommerceAnswered(store, headers?.RequestsLeft, rateLimited);
        }
    }

    /// <summary>The store hash in <c>/stores/{hash}/v2/...</c>.</summary>
    public static string? StoreHashOf(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(segments, "stores");
        return index >= 0 && index + 1 < segments.Length ? segments[index + 1] : null;
    }
}
