using System.Net;

namespace Connector.BigCommerce;

/// <summary>Puts every BigCommerce attempt (retries included) through the store's quota gate.</summary>
public sealed class QuotaGateHandler(StoreQuotaGate gate) : DelegatingHandler
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
        try
        {
            response = await base.SendAsync(request, cancellationToken);
            return response;
        }
        finally
        {
            gate.Release(store, response is null ? null : RateLimitHeaders.Read(response.Headers),
                response?.StatusCode == HttpStatusCode.TooManyRequests);
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
