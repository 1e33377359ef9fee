using Sandbox.Faults;

namespace Sandbox.BigCommerce;

/// <summary>Injected failures shaped like BigCommerce's (or its CDN's) own.</summary>
public sealed class BigCommerceFaultResponder(Store store) : IFaultResponder
{
    public IResult Error(HttpContext http, int status, bool html) => html
        ? Results.Content($"<html><body><h1>{status} {ReasonPhrase(status)}</h1></body></html>", "text/html", statusCode: status)
        : BigCommerceErrors.Result(status, ReasonPhrase(status));

    /// <summary>Quota and window are the store's; the reset is the configured one so clients don't sit out a whole window.</summary>
    public IResult TooManyRequests(HttpContext http, int retryAfterMs)
    {
        RateLimitHeaders.Write(http.Response, store.RateLimiter.WindowMs, Math.Max(1, retryAfterMs), store.RateLimiter.Quota, 0);
        return BigCommerceErrors.TooManyRequests();
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
