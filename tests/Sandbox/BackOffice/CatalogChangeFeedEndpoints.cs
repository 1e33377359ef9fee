using System.Text;

namespace Sandbox.BackOffice;

/// <summary>
/// GET /backoffice/catalog-changes?store=…&amp;limit=…&amp;cursor=…: one page of the store's catalog changes,
/// <c>{records, next_cursor, has_more}</c>. The request is signed over its target like the other feeds; the answer is signed
/// too (<c>X-Connector-Signature</c>: HMAC-SHA256 of the body with the shared secret), so the connector can tell a page
/// the back office sent from one changed on the way.
/// </summary>
public static class CatalogChangeFeedEndpoints
{
    /// <summary>What a huge page adds: past the connector's 16 MiB limit for an answer.</summary>
    public const int HugePageBytes = 17 * 1024 * 1024;

    public static IResult Read(HttpContext http, CatalogChangeFeed feed, SignatureVerifier signatures, string? store, string? cursor, int? limit)
    {
        if (BackOfficeEndpoints.InvalidTargetSignature(http, signatures) is { } unauthorized)
        {
            return unauthorized;
        }

        if (string.IsNullOrWhiteSpace(store) || limit is < 1)
        {
            return Results.Problem(title: "Invalid request", detail: "store is required and limit must be at least 1.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!feed.TryRead(store, cursor, Math.Min(limit ?? CatalogChangeFeed.DefaultLimit, CatalogChangeFeed.MaxLimit), out var page, out var pageNumber))
        {
            return Results.Problem(title: "Invalid cursor", detail: "This feed did not issue that cursor (or its log was reset since).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var corruption = feed.TakeCorruption(pageNumber);
        if (corruption == CatalogFeedCorruptionKind.FailPage)
        {
            return Results.Problem(title: "Internal error", detail: $"Page {pageNumber} failed (injected).", statusCode: StatusCodes.Status500InternalServerError);
        }

        var text = page.ToJson().ToJsonString(SandboxJson.Options);
        if (corruption == CatalogFeedCorruptionKind.MalformedPage)
        {
            text = text[..(text.Length / 2)];
        }

        if (corruption == CatalogFeedCorruptionKind.HugePage)
        {
            text += new string(' ', HugePageBytes);
        }

        var body = Encoding.UTF8.GetBytes(text);
        var bad = corruption == CatalogFeedCorruptionKind.BadSignature;
        http.Response.Headers[SignatureVerifier.Header] = signatures.Sign(bad ? Encoding.UTF8.GetBytes(text + " ") : body);
        feed.CountServed(bad);
        return Results.Bytes(body, "application/json");
    }
}
