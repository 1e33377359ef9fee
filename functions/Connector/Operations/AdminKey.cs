using System.Security.Cryptography;
using System.Text;
using Connector.Hosting;
using Microsoft.AspNetCore.Http;

namespace Connector.Operations;

/// <summary>
/// The guard of the operator endpoints: <c>X-Admin-Key</c> must equal <c>Connector:AdminApiKey</c>. Unset (or too
/// short to be a key), the endpoints do not exist (404); a wrong or missing key is 401. Compared in constant time.
/// </summary>
public static class AdminKey
{
    public const string Header = "X-Admin-Key";

    /// <summary>Null when the request may go on; otherwise the answer to give.</summary>
    /// <param name="feature">What is off without a key, for the 404's text.</param>
    public static IResult? Refusal(ConnectorOptions options, HttpRequest request, string feature)
    {
        if (options.AdminApiKey is not { Length: >= 16 } adminKey)
        {
            return Results.Problem(title: $"{feature} is off", detail: $"Set Connector:AdminApiKey to enable {feature}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!Matches(adminKey, request.Headers[Header]))
        {
            return Results.Problem(title: "Not allowed", detail: $"A valid {Header} header is required.", statusCode: StatusCodes.Status401Unauthorized);
        }

        return null;
    }

    /// <summary>True when <paramref name="given"/> is the configured admin key (none configured: never).</summary>
    public static bool IsValid(ConnectorOptions options, string? given) =>
        options.AdminApiKey is { Length: >= 16 } adminKey && Matches(adminKey, given);

    /// <summary>Hashing first gives equal lengths, so the comparison's time says nothing about the key.</summary>
    private static bool Matches(string expected, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
