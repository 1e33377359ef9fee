using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Catalog;

/// <summary>This product version may not be sent yet (an older version's POST is under way): the queue brings the message back.</summary>
public sealed class ProductVersionWaitingException(string message) : Exception(message);

/// <summary>
/// What happens to one product message: read the product unless the message carries it (a product BigCommerce no longer
/// has is a deletion), claim its version, send it, record the outcome. Newest wins: the claim never lets an older
/// version be sent after a newer one started, and nothing is sent after a deletion.
/// </summary>
public sealed class ProductDelivery(
    BigCommerceCatalogClient bigCommerce,
    BackOfficeClient backOffice,
    ProductLedger ledger,
    IOptions<BackOfficeOptions> backOfficeOptions,
    TimeProvider clock,
    ILogger<ProductDelivery> logger)
{
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <param name="holder">The queue message's id: stable across its retries, so a retry takes its own claim back.</param>
    public async Task ProcessAsync(StoreConnection store, ProductMessage work, string holder, CancellationToken cancellationToken)
    {
        var storeHash = store.StoreHash;
        var entry = await ledger.FindAsync(storeHash, work.ProductId, cancellationToken);
        var known = work.Deleted ? ProductLedgerEntry.DeletionVersion : work.ModifiedAt;
        if (entry is not null && known is { } version && entry.IsSettled(version))
        {
            logger.LogInformation("Product {ProductId} of store {StoreHash} ({Source}) skipped: version {Version:O} is settled", work.ProductId, storeHash, work.Source, version);
            return;
        }

        var canonical = await ResolveAsync(storeHash, work, cancellationToken);
        var claimVersion = canonical.Deleted ? ProductLedgerEntry.DeletionVersion : canonical.Version;
        var now = clock.GetUtcNow();
        switch (await ledger.TryClaimAsync(storeHash, work.ProductId, claimVersion, holder, now, now + ClaimLease + backOfficeOptions.Value.LongestPost, cancellationToken))
        {
            case ProductClaim.Settled:
                logger.LogInformation("Product {ProductId} version {Version:O}: already delivered, refused or superseded; not sent", work.ProductId, canonical.Version);
                return;
            case ProductClaim.HeldElsewhere:
                logger.LogInformation("Product {ProductId} version {Version:O}: another worker is sending it or a newer one; not sent", work.ProductId, canonical.Version);
                return;
            case ProductClaim.OwnWriteUnderway:
                throw new ProductVersionWaitingException(
                    $"Product {work.ProductId} version {canonical.Version:O} waits: the catalog push is writing this product right now (its own write is not sent back).");
            case ProductClaim.OlderSending:
                throw new ProductVersionWaitingException(
                    $"Product {work.ProductId} version {canonical.Version:O} waits: an older version is being sent to the back office right now.");
        }

        var outcome = await backOffice.DeliverProductAsync(canonical, work.CorrelationId, cancellationToken);
        var at = clock.GetUtcNow();
        await ledger.UpdateAsync(storeHash, work.ProductId, e =>
        {
            e.Release(holder);
            e.Attempts++;
            e.LastAttemptAt = at;
            if (!canonical.Deleted)
            {
                e.Sku = canonical.Sku;
                e.Name = canonical.Name;
            }

            switch (outcome)
            {
                case DeliveryOutcome.Delivered when canonical.Deleted:
                    e.Deleted = true;
                    e.DeletedAt ??= canonical.Version;
                    e.Status = ProductLedgerStatus.Deleted;
                    e.LastError = null;
                    break;
                case DeliveryOutcome.Delivered:
                    if (e.DeliveredVersion is null || canonical.Version > e.DeliveredVersion)
                    {
                        e.DeliveredVersion = canonical.Version;
                    }

                    e.Status = e.Deleted ? e.Status : ProductLedgerStatus.Delivered;
                    e.LastError = null;
                    break;
                case DeliveryOutcome.Rejected rejected:
                    e.RejectedVersion = claimVersion;
                    e.Status = ProductLedgerStatus.Rejected;
                    e.LastError = $"The back office refused it ({(int)rejected.Status}): {rejected.Reason}";
                    break;
            }
        }, cancellationToken);

        if (outcome is DeliveryOutcome.Rejected refused)
        {
            logger.LogWarning("Product {ProductId} of store {StoreHash} version {Version:O} refused by the back office ({Status})",
                work.ProductId, storeHash, canonical.Version, (int)refused.Status);
        }
        else
        {
            logger.LogInformation("Product {ProductId} of store {StoreHash} {What} delivered to the back office ({Source}, correlation {CorrelationId})",
                work.ProductId, storeHash, canonical.Deleted ? "deletion" : $"version {canonical.Version:O}", work.Source, work.CorrelationId);
        }
    }

    /// <summary>The message's deletion, its carried version, or the product as BigCommerce has it now (none: deleted).</summary>
    private async Task<CanonicalProduct> ResolveAsync(string storeHash, ProductMessage work, CancellationToken cancellationToken)
    {
        if (work.Deleted)
        {
            return CanonicalProductMapper.Deletion(storeHash, work.ProductId, work.EventAt ?? clock.GetUtcNow());
        }

        var product = work.CarriedVersion() ?? await bigCommerce.GetProductAsync(storeHash, work.ProductId, cancellationToken);
        if (product is null)
        {
            logger.LogInformation("Product {ProductId} of store {StoreHash} is gone from BigCommerce: delivered as a deletion", work.ProductId, storeHash);
            return CanonicalProductMapper.Deletion(storeHash, work.ProductId, work.EventAt ?? clock.GetUtcNow());
        }

        return CanonicalProductMapper.Map(storeHash, product);
    }
}
