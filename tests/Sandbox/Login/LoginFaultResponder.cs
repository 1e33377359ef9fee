using System.Globalization;
using Sandbox.Faults;

namespace Sandbox.Login;

/// <summary>Injected failures of login.bigcommerce.com: an OAuth-style JSON error or a CDN's HTML page.</summary>
public sealed class LoginFaultResponder : IFaultResponder
{
    public static LoginFaultResponder Instance { get; } = new();

    public IResult Error(HttpContext http, int status, bool html)
    {
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return html
            ? Results.Content($"<html><body><h1>{status} {reason}</h1></body></html>", "text/html", statusCode: status)
            : LoginErrors.Result(status, status == StatusCodes.Status503ServiceUnavailable ? "temporarily_unavailable" : "server_error",
                $"{reason}: injected by the sandbox.");
    }

    public IResult TooManyRequests(HttpContext http, int retryAfterMs)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfterMs / 1000.0)).ToString(CultureInfo.InvariantCulture);
        return LoginErrors.Result(StatusCodes.Status429TooManyRequests, "temporarily_unavailable", "Too many requests: injected by the sandbox.");
    }
}
