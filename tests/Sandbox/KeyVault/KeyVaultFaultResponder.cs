using System.Globalization;
using Sandbox.Faults;

namespace Sandbox.KeyVault;

/// <summary>Injected failures shaped like Key Vault's (or its front door's) own.</summary>
public sealed class KeyVaultFaultResponder : IFaultResponder
{
    public static KeyVaultFaultResponder Instance { get; } = new();

    public IResult Error(HttpContext http, int status, bool html)
    {
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return html
            ? Results.Content($"<html><body><h1>{status} {reason}</h1></body></html>", "text/html", statusCode: status)
            : KeyVaultErrors.Error(status, status == StatusCodes.Status503ServiceUnavailable ? "ServiceUnavailable" : "InternalServerError",
                $"{reason}: injected by the sandbox.");
    }

    public IResult TooManyRequests(HttpContext http, int retryAfterMs)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfterMs / 1000.0)).ToString(CultureInfo.InvariantCulture);
        return KeyVaultErrors.Error(StatusCodes.Status429TooManyRequests, "Throttled",
            "Request was not processed because too many requests were received. Reason: injected by the sandbox.");
    }
}
