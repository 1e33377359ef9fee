using System.Net;
using System.Text.RegularExpressions;

namespace Connector.Testing;

/// <summary>One answer of the app's page: its status, HTML, headers, and the session token its forms carry.</summary>
public sealed record PageAnswer(HttpStatusCode Status, string Html, string? ContentSecurityPolicy, string? Session)
{
    /// <summary>The page's visible text, as a person reads it: tags gone, entities decoded, whitespace runs made one space.</summary>
    public string Text => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(Regex.Replace(Html, "<style[^>]*>.*?</style>", " ", RegexOptions.Singleline), "<[^>]+>", " "), @"\s+", " "));
}

/// <summary>
/// The app's page over HTTP, as the control panel's iframe uses it: opened by the load callback with a signed JWT from the
/// sandbox's login service, then form posts carrying the session token the page holds.
/// </summary>
public sealed partial class MerchantPageClient(HttpClient connector, SandboxAdmin admin)
{
    /// <summary>A user opening the app from the control panel.</summary>
    public async Task<PageAnswer> OpenAsync(string storeHash, long userId)
    {
        var jwt = await admin.JwtAsync(new { storeHash, userId });
        return await GetAsync($"/api/bigcommerce/load?signed_payload_jwt={Uri.EscapeDataString(jwt)}");
    }

    public async Task<PageAnswer> GetAsync(string path)
    {
        using var response = await connector.GetAsync(new Uri(path, UriKind.Relative));
        return await AnswerAsync(response);
    }

    /// <summary>A form post from the page: the session token as the hidden field (unless null), plus the fields given.</summary>
    public async Task<PageAnswer> PostAsync(string path, string? session, IEnumerable<KeyValuePair<string, string>> fields, string? origin = null)
    {
        var all = fields.ToList();
        if (session is not null)
        {
            all.Insert(0, new("session", session));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(all) };
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        using var response = await connector.SendAsync(request);
        return await AnswerAsync(response);
    }

    public Task<PageAnswer> PostAsync(string path, string? session, params (string Name, string Value)[] fields) =>
        PostAsync(path, session, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<PageAnswer> AnswerAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(' ', values) : null;
        var session = SessionField().Match(html) is { Success: true } match ? match.Groups[1].Value : null;
        return new PageAnswer(response.StatusCode, html, csp, session);
    }

    [GeneratedRegex("name=\"session\" value=\"([^\"]+)\"")]
    private static partial Regex SessionField();
}
