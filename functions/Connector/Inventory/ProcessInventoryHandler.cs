using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Inventory;

/// <summary>
/// The inventory queue: sets one SKU's absolute quantity in BigCommerce, newest read wins (see
/// <see cref="InventoryClaims"/>). A SKU BigCommerce does not know is recorded as such and completes; one
/// tracked by product is retried by product_id (remembered on the row). Transient failures throw for the queue.
/// The write itself goes through <see cref="AdjustmentBatcher"/>, which may share the request with other SKUs
/// being written at the same moment; the outcome it hands back is this SKU's own.
/// </summary>
public sealed class ProcessInventoryHandler(
    IStoreDirectory stores,
    ActiveStoreCheck activeStores,
    BigCommerceInventoryClient bigCommerce,
    AdjustmentBatcher writes,
    InventoryLedger ledger,
    Activity.ActivityCounters activity,
    Telemetry.ConnectorMetrics metrics,
    TimeProvider clock,
    ILogger<ProcessInventoryHandler> logger) : IQueueMessageHandler
{
    private const int MaxRewrites = 5;

    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var work = WorkQueue.Read<InventoryMessage>(message.Body);
        if (string.IsNullOrEmpty(work.StoreHash) || string.IsNullOrEmpty(work.Sku) || work.Quantities is null || work.Quantities.Values.Any(q => q < 0))
        {
            throw new InvalidMessageException("An inventory message needs a store, a SKU and quantities from 0 up.");
        }

        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["StoreHash"] = work.StoreHash, ["Sku"] = work.Sku, ["CorrelationId"] = work.CorrelationId,
        });

        var store = await activeStores.FindActiveStoreAsync(work.StoreHash, cancellationToken);
        if (store is null)
        {
            logger.LogInformation("SKU {Sku}: store {StoreHash} is not active; dropped", work.Sku, work.StoreHash);
            return;
        }

        // 1. Claim the locations this read is the newest for, under the row's ETag.
        Dictionary<long, int> toWrite = [];
        var claimed = await ledger.UpdateAsync(work.StoreHash, work.Sku, entry =>
        {
            var (claims, write) = InventoryClaims.Claim(entry.ClaimMap(), work.Quantities, work.ReadAt);
            toWrite = write;
            if (write.Count == 0)
            {
                return false;
            }

            entry.SetClaims(claims);
            return true;
        }, cancellationToken);

        if (toWrite.Count == 0)
        {
            logger.LogInformation("SKU {Sku}: a newer read already owns its locations; nothing to write", work.Sku);
            return;
        }

        try
        {
            var productId = claimed?.ProductId;
            // The row as this message last wrote it: the confirmation is then a write alone (no read) unless it changed since.
            var row = claimed;
            var written = toWrite.ToDictionary(w => w.Key, w => new Claim(work.ReadAt, w.Value));
            for (var round = 0; ; round++)
            {
                var outcome = await WriteAsync(work, written.ToDictionary(w => w.Key, w => w.Value.Quantity), productId, cancellationToken);
                productId = outcome.ProductId;
                if (outcome.Result.Outcome == AdjustmentOutcome.UnknownSku)
                {
                    await RecordAsync(work, entry =>
                    {
                        entry.Status = nameof(InventoryStatus.UnknownSku);
                        entry.LastError = $"BigCommerce does not know SKU {work.Sku}: {outcome.Result.Reason}";
                        // A remembered product_id BigCommerce no longer takes (deleted, or now tracked by variant): the next
                        // try goes by SKU again, which finds the product anew if it is still tracked by product.
                        entry.ProductId = null;
                    }, cancellationToken);
                    activity.Count(work.StoreHash, Activity.ActivityKind.SkuRefused);
                    logger.LogWarning("SKU {Sku} of store {StoreHash} is unknown to BigCommerce; recorded, not retried until its quantity changes",
                        work.Sku, work.StoreHash);
                    return;
                }

                // 2. Confirm what is still the newest (on the row as the claim left it; read again only if it changed since);
                // write again what a newer read claimed meanwhile.
                Dictionary<long, Claim> rewrite = [];
                row = await ledger.UpdateAsync(work.StoreHash, work.Sku, entry =>
                {
                    var (confirmed, again) = InventoryClaims.AfterWrite(entry.ClaimMap(), written);
                    rewrite = again;
                    var pushed = entry.PushedQuantities();
                    foreach (var (location, claim) in confirmed)
                    {
                        pushed[location] = claim.Quantity;
                    }

                    entry.SetPushed(pushed);
                    entry.PushedAt = clock.GetUtcNow();
                    entry.Status = nameof(InventoryStatus.Pushed);
                    entry.LastError = null;
                    entry.ProductId = productId;
                    return true;
                }, cancellationToken, row);

                if (rewrite.Count == 0 || round >= MaxRewrites)
                {
                    activity.Count(work.StoreHash, Activity.ActivityKind.SkuWritten);
                    metrics.SkuWritten(work.StoreHash);
                    break;
                }

                logger.LogInformation("SKU {Sku}: a newer read arrived during the write; writing its quantity again", work.Sku);
                written = rewrite;
            }
        }
        catch (Exception ex) when (ex is BigCommerceApiException and not StoreUnauthorizedException)
        {
            await RecordAsync(work, entry =>
            {
                entry.Status = nameof(InventoryStatus.Failing);
                entry.LastError = ex.Message;
            }, cancellationToken);
            activity.Count(work.StoreHash, Activity.ActivityKind.SkuAttemptFailed);
            logger.LogWarning(ex, "SKU {Sku} of store {StoreHash} failed (attempt {Attempt})", work.Sku, work.StoreHash, message.DequeueCount);
            if (ex is StoreScopeMissingException)
            {
                // The inventory flow lacks its scope; the next scan after it is granted pushes this SKU (it was not pushed).
                await stores.MarkFlowLackingScopeAsync(work.StoreHash, Orders.SyncCursors.InventoryFlow, ex.Message, cancellationToken);
            }

            if (ex is BigCommerceApiException { IsTransient: false })
            {
                return; // a refusal (400 and the like): recorded; retrying the same request cannot help
            }

            throw;
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(work.StoreHash, ex.Message, cancellationToken);
            throw;
        }
    }

    private async Task<(AdjustmentResult Result, long? ProductId)> WriteAsync(
        InventoryMessage work, IReadOnlyDictionary<long, int> quantities, long? productId, CancellationToken cancellationToken)
    {
        var result = await writes.WriteAsync(work.StoreHash, new SkuAdjustment(work.Sku, productId, quantities), cancellationToken);
        if (result.Outcome != AdjustmentOutcome.TrackedByProduct)
        {
            return (result, productId);
        }

        // Tracked by product: find the product and address the adjustment by product_id instead.
        var found = await bigCommerce.FindProductIdAsync(work.StoreHash, work.Sku, cancellationToken);
        if (found is null)
        {
            return (new AdjustmentResult(AdjustmentOutcome.UnknownSku, result.Reason), null);
        }

        return (await writes.WriteAsync(work.StoreHash, new SkuAdjustment(work.Sku, found, quantities), cancellationToken), found);
    }

    private Task RecordAsync(InventoryMessage work, Action<InventoryEntry> change, CancellationToken cancellationToken) =>
        ledger.UpdateAsync(work.StoreHash, work.Sku, entry =>
        {
            change(entry);
            entry.Attempts++;
            return true;
        }, cancellationToken);
}
