using Connector.BigCommerce;
using Connector.Catalog;
using Connector.Hosting;
using Connector.Inventory;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.CatalogPush;

/// <summary>
/// The catalog-push queue: writes one SKU's change to BigCommerce. In order: the store's limits (a value beyond them is
/// cut, left out, or refuses the change, as the merchant chose); the change's fields are claimed on the SKU's ledger row
/// (newest wins: see <see cref="FieldClaims"/>); the claimed fields go to <see cref="CatalogWriteBatcher"/>, which shares the
/// lookup and the request with the other changes handled at the same moment; the outcome is recorded. A refusal (unknown
/// SKU while creation is off, duplicate SKU, BigCommerce's 409/422) is recorded with its reason and the message completes;
/// 429, 5xx and outages are recorded as failing and thrown, so the queue retries them and poisons the message last.
/// </summary>
public sealed class ProcessCatalogChangeHandler(
    IStoreDirectory stores,
    ActiveStoreCheck activeStores,
    CatalogSettingsStore settings,
    CatalogWriteBatcher writes,
    CatalogPushLedger ledger,
    TimeProvider clock,
    ILogger<ProcessCatalogChangeHandler> logger) : IQueueMessageHandler
{
    private const int MaxRewrites = 5;

    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var work = WorkQueue.Read<CatalogPushMessage>(message.Body);
        if (string.IsNullOrEmpty(work.StoreHash) || work.Change is not { Sku.Length: > 0 } change)
        {
            throw new InvalidMessageException("A catalog-push message needs a store and a change with a SKU.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["StoreHash"] = work.StoreHash, ["Sku"] = change.Sku, ["CorrelationId"] = work.CorrelationId,
        });

        if (await activeStores.FindActiveStoreAsync(work.StoreHash, cancellationToken) is null)
        {
            logger.LogInformation("SKU {Sku}: store {StoreHash} is not active; its catalog change is dropped", change.Sku, work.StoreHash);
            return;
        }

        var options = await settings.GetAsync(work.StoreHash, cancellationToken);
        if (!options.PushEnabled)
        {
            logger.LogInformation("SKU {Sku}: the catalog push of store {StoreHash} is off; its change is dropped", change.Sku, work.StoreHash);
            return;
        }

        // 1. The limits, before anything is claimed: a refused change owns no field.
        var limited = CatalogLimits.Apply(change, options.Limits);
        if (limited.Change is null)
        {
            await RecordAsync(work.StoreHash, change, WriteOutcome.Refused, $"Not written: {limited.Refusal}", null, cancellationToken);
            logger.LogWarning("SKU {Sku} of store {StoreHash}: change refused before sending ({Reason})", change.Sku, work.StoreHash, limited.Refusal);
            return;
        }

        // 2. Claim the fields this change is the newest for.
        Dictionary<string, string> toWrite = [];
        var already = false;
        var heldElsewhere = false;
        var handling = Guid.NewGuid().ToString("N");
        var row = await ledger.UpdateAsync(work.StoreHash, change.Sku, entry =>
        {
            var claims = entry.ClaimMap();
            var (after, write) = FieldClaims.Claim(claims, limited.Change.Values(), change.ChangedAt);
            // The same change again (a feed page read twice, a retry after its write landed): nothing new to write.
            already = FieldClaims.AllWritten(write, entry.WrittenMap(), change.ChangedAt);
            toWrite = already ? [] : write;
            heldElsewhere = toWrite.Count > 0 && entry.WrittenElsewhere(change.ChangedAt, handling, clock.GetUtcNow());
            if (toWrite.Count == 0 || heldElsewhere)
            {
                return false;
            }

            entry.BeginWriting(change.ChangedAt, handling, clock.GetUtcNow());
            entry.SetClaims(after);
            entry.SetStatus(CatalogPushStatus.AfterClaim(entry.Status), change.ChangedAt, entry.LastError, entry.Notes);
            return true;
        }, cancellationToken);

        if (heldElsewhere)
        {
            // A copy of this message (its lease lapsed while storage was away, and another instance took it) is writing
            // this change now: writing it too would write it twice. The queue brings this copy back, to find it written.
            throw new CatalogChangeHeldException($"SKU {change.Sku}: another handling is writing the change of {change.ChangedAt:O} now.");
        }

        if (toWrite.Count == 0)
        {
            logger.LogInformation("SKU {Sku}: {Why}; nothing to write", change.Sku,
                already ? "this change is written already" : limited.Change.SetsNothing ? "the change sets no field" : "a newer change owns its fields");
            return;
        }

        var written = toWrite.ToDictionary(w => w.Key, w => new FieldClaim(change.ChangedAt, w.Value), StringComparer.Ordinal);
        try
        {
            for (var round = 0; ; round++)
            {
                var newest = written.Values.Max(c => c.ChangedAt);
                var result = await writes.WriteAsync(work.StoreHash,
                    new PendingWrite(CatalogChange.FromValues(change.Sku, newest, written.ToDictionary(w => w.Key, w => w.Value.Value)), options.Creation, options.PullEnabled),
                    cancellationToken);
                var notes = limited.Notes.Concat(result.Notes ?? []).ToList();
                Dictionary<string, FieldClaim> rewrite = [];
                row = await ledger.UpdateAsync(work.StoreHash, change.Sku, entry =>
                {
                    Apply(entry, result, newest, notes);
                    if (result.Outcome is WriteOutcome.Written or WriteOutcome.Created)
                    {
                        entry.MarkWritten(written);
                        rewrite = FieldClaims.AfterWrite(entry.ClaimMap(), written);
                    }

                    if (rewrite.Count == 0 || round >= MaxRewrites)
                    {
                        entry.EndWriting(handling);
                    }

                    return true;
                }, cancellationToken, row);
                Log(work.StoreHash, change.Sku, result);
                if (rewrite.Count == 0 || round >= MaxRewrites)
                {
                    return;
                }

                logger.LogInformation("SKU {Sku}: a newer change claimed {Count} field(s) during the write; writing them again", change.Sku, rewrite.Count);
                written = rewrite;
            }
        }
        catch (Exception ex) when (ex is BigCommerceApiException and not StoreUnauthorizedException)
        {
            await RecordAsync(work.StoreHash, change, ex is BigCommerceApiException { IsTransient: false } and not StoreScopeMissingException ? WriteOutcome.Refused : WriteOutcome.Failing,
                ex.Message, null, cancellationToken, handling);
            logger.LogWarning(ex, "SKU {Sku} of store {StoreHash} failed (attempt {Attempt})", change.Sku, work.StoreHash, message.DequeueCount);
            if (ex is StoreScopeMissingException)
            {
                await stores.MarkFlowLackingScopeAsync(work.StoreHash, CatalogPushJob.Flow, ex.Message, cancellationToken);
                return;
            }

            if (ex is BigCommerceApiException { IsTransient: false })
            {
                return; // a refusal (400 and the like): recorded; the same request cannot succeed
            }

            throw;
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(work.StoreHash, ex.Message, cancellationToken);
            await RecordAsync(work.StoreHash, change, WriteOutcome.Failing, ex.Message, null, cancellationToken, handling);
            throw;
        }
    }

    private void Apply(CatalogPushEntry entry, WriteResult result, DateTimeOffset changedAt, IReadOnlyList<string> notes)
    {
        var now = clock.GetUtcNow();
        entry.Attempts++;
        entry.LastAttemptAt = now;
        entry.ProductId = result.ProductId ?? entry.ProductId;
        entry.VariantId = result.VariantId ?? (result.ProductId is null ? entry.VariantId : null);
        entry.SetStatus(CatalogPushStatus.AfterWrite(result.Outcome), changedAt,
            result.Outcome is WriteOutcome.Refused or WriteOutcome.Skipped or WriteOutcome.Failing ? result.Reason : null,
            notes.Count == 0 ? null : string.Join("; ", notes));
        if (result.Outcome is WriteOutcome.Written or WriteOutcome.Created)
        {
            entry.WrittenAt = now;
            if (entry.WrittenChangeAt is null || changedAt > entry.WrittenChangeAt)
            {
                entry.WrittenChangeAt = changedAt;
            }
        }
    }

    /// <summary>A refusal or failure of this change; not recorded over a newer change's outcome (the newer one speaks for the SKU).</summary>
    private Task RecordAsync(
        string storeHash, CatalogChange change, WriteOutcome outcome, string reason, IReadOnlyList<string>? notes, CancellationToken cancellationToken, string? handling = null) =>
        ledger.UpdateAsync(storeHash, change.Sku, entry =>
        {
            var held = entry.Writing;
            if (handling is not null)
            {
                entry.EndWriting(handling);
            }

            if (entry.ClaimMap().Values.Any(c => c.ChangedAt > change.ChangedAt))
            {
                return held != entry.Writing;
            }

            Apply(entry, new WriteResult(outcome, Reason: reason), change.ChangedAt, notes ?? []);
            return true;
        }, cancellationToken);

    private void Log(string storeHash, string sku, WriteResult result)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.Refused:
                logger.LogWarning("SKU {Sku} of store {StoreHash}: change refused ({Reason})", sku, storeHash, result.Reason);
                break;
            case WriteOutcome.Skipped:
                logger.LogInformation("SKU {Sku} of store {StoreHash}: change not written ({Reason})", sku, storeHash, result.Reason);
                break;
            default:
                logger.LogInformation("SKU {Sku} of store {StoreHash}: {Outcome} (product {ProductId}, variant {VariantId})",
                    sku, storeHash, result.Outcome, result.ProductId, result.VariantId);
                break;
        }
    }
}

/// <summary>Another handling of the same change is writing it now; the queue brings this message back later.</summary>
public sealed class CatalogChangeHeldException(string message) : Exception(message);
