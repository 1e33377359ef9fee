using System.Text.Json;
using Connector.Hosting;
using Connector.Stores;
using Microsoft.AspNetCore.Http;

namespace Connector.BackOffice;

/// <summary>A record of a push refused, named by its index and id (never its content).</summary>
public sealed record PushRefusal(int Index, string? Id, string Error)
{
    public override string ToString() => Id is null ? $"record {Index}: {Error}" : $"record {Index} ({Id}): {Error}";
}

/// <summary>
/// The shape every back-office push shares (<c>POST /api/backoffice/…</c>, body <c>{"records": […]}</c>), checked in this
/// order, before anything of it is used: size (413, nothing read past the limit), the signature over the raw body with
/// the back-office secret (401), JSON with a non-empty <c>records</c> array (400) of at most the allowed count (413).
/// The caller then checks each record and answers with <see cref="Refused"/> (400, nothing queued) or queues them all.
/// </summary>
public static class SignedPush
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <returns>The parsed body (the caller disposes it) with its records; or the answer that refuses the push, and why in a few words for the log.</returns>
    public static async Task<(JsonDocument? Document, IResult? Refusal, string? Why)> ReadAsync(
        HttpRequest request, string signingSecret, int maxRecords, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes || await RequestBodies.ReadLimitedAsync(request.Body, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {MaxBodyBytes} bytes and {maxRecords} records per push."), "body too large");
        }

        if (!BackOfficeSignature.Verify(signingSecret, body, request.Headers[BackOfficeProtocol.SignatureHeader]))
        {
            return (null, Problem(StatusCodes.Status401Unauthorized, "Invalid signature",
                $"{BackOfficeProtocol.SignatureHeader} must be '{BackOfficeProtocol.SignaturePrefix}' and the lowercase hex HMAC-SHA256 of the raw body, keyed with the shared secret."), "signature missing or wrong");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid body", $"The body is not JSON: {ex.Message}"), "not JSON");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records)
            || records.ValueKind != JsonValueKind.Array || records.GetArrayLength() == 0)
        {
            document.Dispose();
            return (null, Problem(StatusCodes.Status400BadRequest, "Invalid body", "The body must be {\"records\": [...]} with at least one record."), "no records");
        }

        if (records.GetArrayLength() > maxRecords)
        {
            document.Dispose();
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "Too many records", $"At most {maxRecords} records per push."), "too many records");
        }

        return (document, null, null);
    }

    public static JsonElement Records(JsonDocument document) => document.RootElement.GetProperty("records");

    /// <summary>
    /// For each store the records name: null when it is connected and its flow is on, or why its records are refused
    /// ("store … is not connected to this connector", "<paramref name="flow"/> is off for store …").
    /// </summary>
    public static async Task<Dictionary<string, string?>> StoreVerdictsAsync(
        IEnumerable<string> storeHashes, IStoreDirectory stores, Func<string, CancellationToken, Task<bool>> flowOn, string flow, CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var store in storeHashes.Distinct(StringComparer.Ordinal))
        {
            verdicts[store] = await stores.FindActiveStoreAsync(store, cancellationToken) is null
                ? $"store {store} is not connected to this connector"
                : !await flowOn(store, cancellationToken)
                    ? $"{flow} is off for store {store}"
                    : null;
        }

        return verdicts;
    }

    /// <summary>400 naming every refused record (the first ten in the text, all in <c>errors</c>): nothing was queued.</summary>
    public static IResult Refused(IReadOnlyList<PushRefusal> refused) =>
        Results.Problem(
            title: "Invalid records",
            detail: $"{refused.Count} record(s) refused; nothing was queued. " + string.Join("; ", refused.Take(10)),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = refused.Select(r => new { index = r.Index, id = r.Id, error = r.Error }).ToList(),
            });

    public static IResult Accepted(int queued, string correlationId) =>
        Results.Json(new { queued, correlation_id = correlationId }, statusCode: StatusCodes.Status202Accepted);

    /// <summary>Storage did not answer: nothing is lost by sending the push again (its records are idempotent).</summary>
    public static IResult NotTaken() => Problem(StatusCodes.Status503ServiceUnavailable, "Not taken",
        "Try again: storage did not answer. Records queued before it are not written twice when sent again.");

    public static IResult Problem(int status, string title, string detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
