using System.Security.Cryptography;
using Connector.MerchantPage.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.MerchantPage;

/// <summary>
/// The page's answers: a Razor component rendered by ASP.NET Core (which HTML-encodes everything it writes) behind
/// headers that fit a page inside BigCommerce's control panel: only the control panel (and a configured extra origin,
/// the sandbox locally) may frame it; no script at all; only its own nonce'd stylesheet; forms post to itself only.
/// </summary>
public static class PageResults
{
    /// <summary>Where BigCommerce's control panel runs: the store's own control panel host and BigCommerce's domains.</summary>
    public const string ControlPanelOrigins = "https://store-*.mybigcommerce.com https://*.bigcommerce.com";

    public static IResult Render<TComponent>(MerchantPageOptions options, IDictionary<string, object?> parameters, int status = StatusCodes.Status200OK)
        where TComponent : IComponent
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        parameters["Nonce"] = nonce;
        var page = new RazorComponentResult<TComponent>(parameters.AsReadOnly()) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
        return new SecuredPage(page, ContentSecurityPolicy(options, nonce));
    }

    public static IResult Problem(MerchantPageOptions options, int status, string title, string detail) =>
        Render<ProblemPage>(options, new Dictionary<string, object?> { ["Title"] = title, ["Detail"] = detail }, status);

    public static string ContentSecurityPolicy(MerchantPageOptions options, string nonce)
    {
        var ancestors = ControlPanelOrigins;
        if (!string.IsNullOrWhiteSpace(options.ExtraFrameAncestors))
        {
            ancestors += " " + string.Join(' ', options.ExtraFrameAncestors.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return $"default-src 'none'; style-src 'nonce-{nonce}'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors {ancestors}";
    }

    /// <summary>Sets the security headers, then lets the component render.</summary>
    private sealed class SecuredPage(IResult inner, string policy) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = policy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            // The page's URL (the load JWT) never travels to another origin. Not no-referrer: under it Chromium sends
            // "Origin: null" with the page's own form posts, which PageAccess must refuse from anyone else.
            headers["Referrer-Policy"] = "same-origin";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
