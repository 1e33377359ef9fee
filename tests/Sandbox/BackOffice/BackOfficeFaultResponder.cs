using System.Globalization;
using Sandbox.Faults;

namespace Sandbox.BackOffice;

/// <summary>Injected failures shaped like a typical ERP gateway's: problem+json or a proxy's HTML page.</summary>
public sealed class BackOfficeFaultResponder : IFaultResponder
{
    public static BackOfficeFaultResponder Instance { get; } = new();

    public IResult Error(HttpContext http, int status, bool html)
    {
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return html
            ? Results.Content($"<html><body><h1>{status} {reason}</h1></body></html>", "text/html", statusCode: status)
            : Results.Problem(title: reason, detail: "Injected by the sandbox.", statusCode: status);
    }

    public IResult TooManyRequests(HttpContext http, int retryAfterMs)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfterMs / 1000.0)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Rate-Limit-Time-Reset-Ms"] = Math.Max(1, retryAfterMs).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(title: "Too Many Requests", detail: "Injected by the sandbox.", statusCode: StatusCodes.Status429TooManyRequests);
    }
}
