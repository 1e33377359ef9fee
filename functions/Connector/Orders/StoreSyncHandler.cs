using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Connector.Telemetry;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>
/// The store-sync queue: runs one store's job for one flow, unless a run that started after this request already
/// covers it (see <see cref="SyncCursors.TryStartRunAsync"/>).
/// </summary>
public sealed class StoreSyncHandler(
    IStoreDirectory stores,
    OrderSyncJob orders,
    Connector.Inventory.InventorySyncJob inventory,
    Connector.Shipments.ShipmentSyncJob shipments,
    Connector.Catalog.CatalogSyncJob catalog,
    Connector.CatalogPush.CatalogPushJob catalogPush,
    SyncCursors cursors,
    UndeliveredOrderRecovery recovery,
    TimeProvider clock,
    ILogger<StoreSyncHandler> logger) : IQueueMessageHandler
{
    /// <summary>How long a run holds off the requests it covers if its worker dies; its own message retries it anyway.</summary>
    public static readonly TimeSpan RunLease = TimeSpan.FromMinutes(10);

    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var job = WorkQueue.Read<StoreSyncMessage>(message.Body);
        var store = await stores.FindActiveStoreAsync(job.StoreHash, cancellationToken);
        if (store is null)
        {
            logger.LogInformation("Store {StoreHash} is not active; its {Flow} sync is dropped", job.StoreHash, job.Flow);
            return;
        }

        if (job.Flow is not (SyncCursors.OrdersFlow or SyncCursors.InventoryFlow or SyncCursors.ShipmentsFlow or Connector.Catalog.CatalogPollOptions.Flow
            or Connector.CatalogPush.CatalogPushJob.Flow))
        {
            throw new InvalidMessageException($"Unknown flow '{job.Flow}'.");
        }

        var startedAt = clock.GetUtcNow();
        // Without the sender's time, the insertion time rounded up: it has whole seconds only.
        var requestedAt = job.RequestedAt ?? message.InsertedOn?.AddSeconds(1) ?? startedAt;
        // The run, not the message, holds the lease: a retry round is a new message of the same run.
        var holder = job.RunId ?? message.MessageId;
        if (!await cursors.TryStartRunAsync(job.StoreHash, job.Flow, requestedAt, holder, startedAt, RunLease, cancellationToken))
        {
            logger.LogInformation("The {Flow} sync of store {StoreHash} requested at {RequestedAt} is covered by a run that started later; skipped",
                job.Flow, job.StoreHash, requestedAt.Iso());
            return;
        }

        try
        {
            switch (job.Flow)
            {
                case SyncCursors.OrdersFlow:
                    await orders.RunAsync(store, job.CorrelationId, cancellationToken);
                    break;
                case SyncCursors.InventoryFlow:
                    await inventory.RunAsync(store, job.CorrelationId, cancellationToken);
                    break;
                case SyncCursors.ShipmentsFlow:
                    await shipments.RunAsync(store, job.CorrelationId, cancellationToken);
                    break;
                case Connector.Catalog.CatalogPollOptions.Flow:
                    await catalog.RunAsync(store, job.CorrelationId, cancellationToken);
                    break;
                case Connector.CatalogPush.CatalogPushJob.Flow:
                    await catalogPush.RunAsync(store, job.CorrelationId, cancellationToken);
                    break;
            }

            await cursors.CompleteRunAsync(job.StoreHash, job.Flow, holder, startedAt, cancellationToken);
            if (store.LacksScopeFor(job.Flow))
            {
                await ScopeGrantedAsync(job, cancellationToken);
            }
        }
        catch (StoreScopeMissingException ex)
        {
            // This flow lacks its scope; the store's token works, so its other flows go on. Retrying cannot help.
            await cursors.ReleaseRunAsync(job.StoreHash, job.Flow, holder, cancellationToken);
            await stores.MarkFlowLackingScopeAsync(job.StoreHash, job.Flow, ex.Message, cancellationToken);
            logger.LogWarning("The {Flow} flow of store {StoreHash} lacks its BigCommerce scope {Scope}: {Reason}. It stops until the scope is granted; the store's other flows go on.",
                job.Flow, job.StoreHash, Installations.FlowScopeProblems.ScopeOf(job.Flow), ex.Message);
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            // Retrying cannot help either: the store must be authorized (installed) again.
            await stores.MarkNeedsReauthAsync(job.StoreHash, ex.Message, cancellationToken);
            logger.LogWarning("Store {StoreHash} needs re-authorizing: {Reason}. Its work stops until then.", job.StoreHash, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A run that failed covers nothing: let go of its lease so the next request (or this run's own next attempt or
            // round, whatever its message id) is not skipped as covered by it. Best effort: the lease expires anyway.
            await ReleaseQuietlyAsync(job, holder);
            throw;
        }
    }

    /// <summary>The flow ran after being refused for a missing scope: the scope is granted now, and what waited for it goes.</summary>
    private async Task ScopeGrantedAsync(StoreSyncMessage job, CancellationToken cancellationToken)
    {
        await stores.ClearFlowLackingScopeAsync(job.StoreHash, job.Flow, cancellationToken);
        logger.LogInformation("The {Flow} flow of store {StoreHash} has its BigCommerce scope again", job.Flow, job.StoreHash);
        if (job.Flow == SyncCursors.OrdersFlow)
        {
            // Orders whose messages were refused meanwhile wait on the ledger, behind the watermark.
            await recovery.RequeueOwingAsync(job.StoreHash, job.CorrelationId, cancellationToken);
        }
    }

    private async Task ReleaseQuietlyAsync(StoreSyncMessage job, string holder)
    {
        try
        {
            await cursors.ReleaseRunAsync(job.StoreHash, job.Flow, holder, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Never hides the run's own failure, which the queue retries.
            logger.LogWarning(ex, "The {Flow} run lease of store {StoreHash} not released; it expires in {Lease}", job.Flow, job.StoreHash, RunLease);
        }
    }
}
