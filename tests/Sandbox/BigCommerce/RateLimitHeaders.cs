namespace Sandbox.BigCommerce;

/// <summary>The X-Rate-Limit-* headers BigCommerce puts on every response (api-rate-limits.mdx).</summary>
public static class RateLimitHeaders
{
    public const string WindowMs = "X-Rate-Limit-Time-Window-Ms";
    public const string ResetMs = "X-Rate-Limit-Time-Reset-Ms";
    public const string Quota = "X-Rate-Limit-Requests-Quota";
    public const string Left = "X-Rate-Limit-Requests-Left";

    public static void Write(HttpResponse response, RateLimiter.Snapshot window) =>
        Write(response, window.WindowMs, window.ResetMs, window.Quota, window.Left);

    public static void Write(HttpResponse response, int windowMs, int resetMs, int quota, int left)
    {
        response.Headers[WindowMs] = windowMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[ResetMs] = resetMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[Quota] = quota.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[Left] = left.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
