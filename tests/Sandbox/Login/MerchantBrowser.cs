using System.Text;

namespace Sandbox.Login;

/// <summary>Who calls an app callback: the merchant's browser (auth, load) or BigCommerce's servers (uninstall, remove_user).</summary>
public enum CallbackOrigin { Browser, Server }

/// <param name="Status">The app's HTTP status; 0 when no answer came (<paramref name="Error"/> says why).</param>
/// <param name="Body">The first 4 KB of the answer.</param>
public sealed record CallbackOutcome(int Status, string? ContentType, string? Body, string? Error);

/// <summary>
/// Performs the GETs BigCommerce causes on the app's callback URLs, with the headers a browser
/// (or BigCommerce's callback sender) would send. Redirects are not followed, so a test sees them.
/// </summary>
public sealed class MerchantBrowser : IDisposable
{
    public const int MaxBodyBytes = 4096;

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        Timeout = TimeSpan.FromSeconds(90),
    };

    public async Task<CallbackOutcome> GetAsync(Uri url, CallbackOrigin origin, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (origin == CallbackOrigin.Browser)
        {
            request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
            request.Headers.TryAddWithoutValidation("Referer", "https://login.bigcommerce.com/");
            request.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) SandboxMerchantBrowser/1.0");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", "BigCommerce-Sandbox-Callbacks/1.0");
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxBodyBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }
            return new CallbackOutcome((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                Encoding.UTF8.GetString(buffer, 0, read), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new CallbackOutcome(0, null, null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary><paramref name="url"/> with <paramref name="query"/> appended (after '&amp;' if it already has a query).</summary>
    public static Uri WithQuery(string url, string query) => new(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);

    public void Dispose() => _http.Dispose();
}
