using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>The store-sync queue: runs one store's job for one flow.</summary>
public sealed class StoreSyncHandler(IStoreDirectory stores, OrderSyncJob orders, Connector.Inventory.InventorySyncJob inventory, ILogger<StoreSyncHandler> logger) : IQueueMessageHandler
{
    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        var job = WorkQueue.Read<StoreSyncMessage>(message.Body);
        var store = await stores.FindActiveStoreAsync(job.StoreHash, cancellationToken);
        if (store is null)
        {
            logger.LogInformation("Store {StoreHash} is not active; its {Flow} sync is dropped", job.StoreHash, job.Flow);
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
                default:
                    throw new InvalidMessageException($"Unknown flow '{job.Flow}'.");
            }
        }
        catch (Exception ex) when (ex is StoreUnauthorizedException or StoreTokenMissingException)
        {
            // Retrying cannot help either: the store must be authorized (installed) again.
            await stores.MarkNeedsReauthAsync(job.StoreHash, ex.Message, cancellationToken);
            logger.LogWarning("Store {StoreHash} needs re-authorizing: {Reason}. Its work stops until then.", job.StoreHash, ex.Message);
        }
    }
}
