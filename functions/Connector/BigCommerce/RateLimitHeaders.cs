using System.Globalization;
using System.Net.Http.Headers;

namespace Connector.BigCommerce;

/// <summary>BigCommerce's quota headers (api-rate-limits.mdx). Names are case-insensitive.</summary>
public sealed record RateLimitHeaders(int? RequestsLeft, int? RequestsQuota, TimeSpan? TimeToReset, TimeSpan? Window = null)
{
    public const string Left = "X-Rate-Limit-Requests-Left";
    public const string Quota = "X-Rate-Limit-Requests-Quota";
    public const string ResetMs = "X-Rate-Limit-Time-Reset-Ms";
    public const string WindowMs = "X-Rate-Limit-Time-Window-Ms";

    public static RateLimitHeaders Read(HttpResponseHeaders headers)
    {
        var reset = ReadInt(headers, ResetMs);
        var window = ReadInt(headers, WindowMs);
        return new RateLimitHeaders(ReadInt(headers, Left), ReadInt(headers, Quota),
            reset is null ? null : TimeSpan.FromMilliseconds(Math.Max(0, reset.Value)),
            window is > 0 ? TimeSpan.FromMilliseconds(window.Value) : null);
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
