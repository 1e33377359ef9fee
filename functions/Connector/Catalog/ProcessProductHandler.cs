using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Catalog;

/// <summary>
/// The products queue: brings one product version (or deletion) to the back office. 429s, 5xx and outages throw after
/// recording why, so the queue retries them and, after its last attempt, moves the message to products-poison; a refusal
/// (another 4xx) is recorded with its reason and the message completes: the rest of the catalog goes on.
/// </summary>
public sealed class ProcessProductHandler(
    IStoreDirectory stores,
    CatalogSettingsStore settings,
    ProductDelivery delivery,
    ProductLedger ledger,
    Orders.SyncCursors cursors,
    TimeProvider clock,
    ILogger<ProcessProductHandler> logger) : IQueueMessageHandler
{
    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var work = WorkQueue.Read<ProductMessage>(message.Body);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["StoreHash"] = work.StoreHash,
            ["ProductId"] = work.ProductId,
            ["CorrelationId"] = work.CorrelationId,
        });

        var store = await stores.FindActiveStoreAsync(work.StoreHash, cancellationToken);
        if (store is null)
        {
            await GiveBackToThePollAsync(work, "its store is not active", cancellationToken);
            return;
        }

        if (!(await settings.GetAsync(work.StoreHash, cancellationToken)).PullEnabled)
        {
            await GiveBackToThePollAsync(work, "the store's catalog flow is off", cancellationToken);
            return;
        }

        try
        {
            await delivery.ProcessAsync(store, work, message.MessageId, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            await stores.MarkNeedsReauthAsync(work.StoreHash, ex.Message, cancellationToken);
            await RecordFailureAsync(work, message.MessageId, ex.Message, cancellationToken);
            // The poll may be past this change already: it goes back to the change, so the first poll after re-authorizing brings it.
            await GiveBackToThePollAsync(work, "its store needs re-authorizing", cancellationToken);
        }
        catch (Exception ex) when (ex is BigCommerceApiException or BackOfficeUnavailableException or ProductVersionWaitingException)
        {
            // The back office's own text goes to the ledger row only (the merchant's page), never the logs.
            var why = ex is BackOfficeUnavailableException { Reason: { } reason } ? $"{ex.Message}: {reason}" : ex.Message;
            await RecordFailureAsync(work, message.MessageId, why, cancellationToken);
            logger.LogWarning(ex, "Product {ProductId} of store {StoreHash} failed (attempt {Attempt}); the queue retries it",
                work.ProductId, work.StoreHash, message.DequeueCount);
            throw;
        }
    }

    /// <summary>
    /// The message completes without delivering (retrying cannot help until the store is authorized again or the flow is
    /// turned on, which may take days); the catalog watermark goes back to its change, so the first poll after that reads
    /// the product again. A deletion cannot be read again: the first deletion check after that finds the product gone
    /// (<see cref="CatalogDeletionCheck"/>).
    /// </summary>
    private async Task GiveBackToThePollAsync(ProductMessage work, string why, CancellationToken cancellationToken)
    {
        if (!work.Deleted && (work.ModifiedAt ?? work.EventAt) is { } changedAt)
        {
            await cursors.RewindToAtMostAsync(work.StoreHash, CatalogPollOptions.Flow, changedAt.AddSeconds(-1), cancellationToken);
        }

        logger.LogInformation("Product {ProductId} of store {StoreHash} not delivered now: {Why}; the catalog poll reads it again", work.ProductId, work.StoreHash, why);
    }

    private Task RecordFailureAsync(ProductMessage work, string holder, string reason, CancellationToken cancellationToken) =>
        ledger.UpdateAsync(work.StoreHash, work.ProductId, e =>
        {
            if (e.Status is not (ProductLedgerStatus.Delivered or ProductLedgerStatus.Deleted))
            {
                e.Status = ProductLedgerStatus.Failing;
            }

            e.Release(holder);
            e.LastError = reason;
            e.Attempts++;
            e.LastAttemptAt = clock.GetUtcNow();
        }, cancellationToken);
}
