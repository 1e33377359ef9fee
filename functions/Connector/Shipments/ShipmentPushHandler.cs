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
    public const int MaxBodyBytes = SignedPush.MaxBodyBytes;
    public const int MaxRecords = 100;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, refusal, why) = await SignedPush.ReadAsync(request, backOffice.Value.SigningSecret, MaxRecords, cancellationToken);
        if (refusal is not null)
        {
            logger.LogWarning("Shipments push refused: {Why}", why);
            return refusal;
        }

        IReadOnlyList<FulfilmentRecord> records;
        using (document)
        {
            var (accepted, refused) = ShipmentRecordParser.ParseAll(SignedPush.Records(document!), storeHash: null);
            if (refused.Count > 0)
            {
                return Refused(refused);
            }

            records = accepted;
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
            return SignedPush.Accepted(records.Count, correlationId);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Shipments push not taken: storage unavailable");
            return SignedPush.NotTaken();
        }
    }

    /// <summary>Every record's store must be connected and have shipments on.</summary>
    private async Task<List<RefusedRecord>> StoreProblemsAsync(IReadOnlyList<FulfilmentRecord> records, CancellationToken cancellationToken)
    {
        var verdicts = await SignedPush.StoreVerdictsAsync(records.Select(r => r.StoreHash), stores,
            async (store, ct) => (await settings.GetShipmentSettingsAsync(store, ct)).Enabled, "shipments", cancellationToken);
        return records.Select((r, i) => verdicts[r.StoreHash] is { } problem ? new RefusedRecord(i, r.Id, problem) : null)
            .OfType<RefusedRecord>().ToList();
    }

    private static IResult Refused(IReadOnlyList<RefusedRecord> refused) =>
        SignedPush.Refused([.. refused.Select(r => new PushRefusal(r.Index, r.Id, r.Error))]);
}
