using System.Text.Json;
using Connector.BackOffice;
using Connector.Catalog;
using Connector.Hosting;
using Connector.Storage;
using Connector.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.CatalogPush;

/// <summary>
/// POST /api/backoffice/catalog-changes: a back office that can call out pushes its catalog changes instead of (or as well
/// as) serving the feed. Records as the feed's, each with its store: <c>{"records": [{store_hash, sku, changed_at, price?,
/// …}]}</c>. The push's own checks first (<see cref="SignedPush"/>: size, signature, shape), then every record as the feed
/// checks it plus its store (connected, catalog push on): any refusal is a 400 naming each bad record, and nothing is
/// queued. Then one <c>catalog-push</c> message per record and 202. A replayed push, or an old one sent late, writes
/// nothing the ledger has settled: newest wins per field, by <c>changed_at</c>.
/// </summary>
public sealed class CatalogChangesPushHandler(
    IOptions<BackOfficeOptions> backOffice,
    IStoreDirectory stores,
    CatalogSettingsStore settings,
    WorkQueue queue,
    ILogger<CatalogChangesPushHandler> logger) : IHttpRequestHandler
{
    public const int MaxRecords = CatalogPushJob.PageSize;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (document, refusal, why) = await SignedPush.ReadAsync(request, backOffice.Value.SigningSecret, MaxRecords, cancellationToken);
        if (refusal is not null)
        {
            logger.LogWarning("Catalog-changes push refused: {Why}", why);
            return refusal;
        }

        var changes = new List<(int Index, string StoreHash, CatalogChange Change)>();
        var refused = new List<PushRefusal>();
        using (document)
        {
            var index = 0;
            foreach (var record in SignedPush.Records(document!).EnumerateArray())
            {
                var at = index++;
                var (change, bad) = CatalogChangeFeedParser.ParseRecord(record, at);
                if (change is null)
                {
                    refused.Add(new PushRefusal(at, bad!.Sku, bad.Reason));
                }
                else if (StoreOf(record) is not { } storeHash)
                {
                    refused.Add(new PushRefusal(at, change.Sku, "no store_hash"));
                }
                else
                {
                    changes.Add((at, storeHash, change));
                }
            }
        }

        try
        {
            refused.AddRange(await StoreProblemsAsync(changes, cancellationToken));
            if (refused.Count > 0)
            {
                return SignedPush.Refused([.. refused.OrderBy(r => r.Index)]);
            }

            var correlationId = Guid.NewGuid().ToString("N");
            foreach (var (_, storeHash, change) in changes)
            {
                await queue.SendAsync(QueueNames.CatalogPush, new CatalogPushMessage(storeHash, change, correlationId), cancellationToken);
            }

            logger.LogInformation("Catalog-changes push: {Count} changes queued (correlation {CorrelationId})", changes.Count, correlationId);
            return SignedPush.Accepted(changes.Count, correlationId);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Catalog-changes push not taken: storage unavailable");
            return SignedPush.NotTaken();
        }
    }

    private static string? StoreOf(JsonElement record) =>
        record.TryGetProperty("store_hash", out var store) && store.ValueKind == JsonValueKind.String && store.GetString() is { Length: > 0 } hash ? hash : null;

    /// <summary>Every record's store must be connected and have the catalog push on.</summary>
    private async Task<IEnumerable<PushRefusal>> StoreProblemsAsync(List<(int Index, string StoreHash, CatalogChange Change)> changes, CancellationToken cancellationToken)
    {
        var verdicts = await SignedPush.StoreVerdictsAsync(changes.Select(c => c.StoreHash), stores,
            async (store, ct) => (await settings.GetAsync(store, ct)).PushEnabled, "the catalog push", cancellationToken);
        return changes.Where(c => verdicts[c.StoreHash] is not null).Select(c => new PushRefusal(c.Index, c.Change.Sku, verdicts[c.StoreHash]!));
    }
}
