using System.Text.Json;
using Connector.BackOffice;
using Connector.Hosting;
using Connector.Storage;
using Connector.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Shipments;

/// <summary>
/// POST /api/backoffice/shipments: a back office that can call out pushes shipments and cancellations instead of (or as
/// well as) serving the feed. Checks in this order, and nothing is queued on a refusal: size (413), signature over the
/// raw body with the back-office secret, before anything is parsed (401), shape and every record (400, each bad record
/// named by index and id), the stores named (connected, shipments on: 400). Then one <c>shipments</c> message per record
/// and 202. A replayed or repeated push is harmless: a record's id is its identity, and one already written costs nothing.
/// </summary>
public sealed class ShipmentPushHandler(
    IOptions<BackOfficeOptions> backOffice,
    IStoreDirectory stores,
    StoreSettings settings,
    WorkQueue queue,
    ILogger<ShipmentPushHandler> logger) : IHttpRequestHandler
{
    public const int MaxBodyBytes = 1024 * 1024;
    public const int MaxRecords = 100;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes || await RequestBodies.ReadLimitedAsync(request.Body, MaxBodyBytes, cancellationToken) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"At most {MaxBodyBytes} bytes and {MaxRecords} records per push.");
        }

        if (!BackOfficeSignature.Verify(backOffice.Value.SigningSecret, body, request.Headers[BackOfficeProtocol.SignatureHeader]))
        {
            logger.LogWarning("Shipments push refused: signature missing or wrong");
            return Problem(StatusCodes.Status401Unauthorized, "Invalid signature",
                $"{BackOfficeProtocol.SignatureHeader} must be '{BackOfficeProtocol.SignaturePrefix}' and the lowercase hex HMAC-SHA256 of the raw body, keyed with the shared secret.");
        }

        IReadOnlyList<FulfilmentRecord> records;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("records", out var array)
                || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid body", "The body must be {\"records\": [...]} with at least one record.");
            }

            if (array.GetArrayLength() > MaxRecords)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "Too many records", $"At most {MaxRecords} records per push.");
            }

            var (accepted, refused) = ShipmentRecordParser.ParseAll(array, storeHash: null);
            if (refused.Count > 0)
            {
                return Refused(refused);
            }

            records = accepted;
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid body", $"The body is not JSON: {ex.Message}");
        }

        try
        {
            var storeProblems = await StoreProblemsAsync(records, cancellationToken);
            if (storeProblems.Count > 0)
            {
                return Refused(storeProblems);
            }

            var correlationId = Guid.NewGuid().ToString("N");
            foreach (var record in records)
            {
                await queue.SendAsync(QueueNames.Shipments, ShipmentMessage.Of(record, correlationId, "push"), cancellationToken);
            }

            logger.LogInformation("Shipments push: {Count} records queued (correlation {CorrelationId})", records.Count, correlationId);
            return Results.Json(new { queued = records.Count, correlation_id = correlationId }, statusCode: StatusCodes.Status202Accepted);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Shipments push not taken: storage unavailable");
            return Problem(StatusCodes.Status503ServiceUnavailable, "Not taken",
                "Try again: storage did not answer. Records queued before it are not written twice when sent again.");
        }
    }

    /// <summary>Every record's store must be connected and have shipments on.</summary>
    private async Task<List<RefusedRecord>> StoreProblemsAsync(IReadOnlyList<FulfilmentRecord> records, CancellationToken cancellationToken)
    {
        var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var store in records.Select(r => r.StoreHash).Distinct(StringComparer.Ordinal))
        {
            verdicts[store] = await stores.FindActiveStoreAsync(store, cancellationToken) is null
                ? $"store {store} is not connected to this connector"
                : !(await settings.GetShipmentSettingsAsync(store, cancellationToken)).Enabled
                    ? $"shipments are off for store {store}"
                    : null;
        }

        return records.Select((r, i) => verdicts[r.StoreHash] is { } problem ? new RefusedRecord(i, r.Id, problem) : null)
            .OfType<RefusedRecord>().ToList();
    }

    private static IResult Refused(IReadOnlyList<RefusedRecord> refused) =>
        Results.Problem(
            title: "Invalid records",
            detail: $"{refused.Count} record(s) refused; nothing was queued. " + string.Join("; ", refused.Take(10)),
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = refused.Select(r => new { index = r.Index, id = r.Id, error = r.Error }).ToList(),
            });

    private static IResult Problem(int status, string title, string detail) => Results.Problem(title: title, detail: detail, statusCode: status);
}
