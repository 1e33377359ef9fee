using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Inventory;

/// <summary>Hourly: one store-sync message (flow <c>inventory</c>) per active store with the inventory flow on.</summary>
public sealed class InventoryPushTimer(IStoreDirectory stores, StoreSettings settings, WorkQueue queue, ILogger<InventoryPushTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var active = await stores.ListActiveStoresAsync(cancellationToken);
        var queued = 0;
        foreach (var store in active)
        {
            var inventory = await settings.GetInventorySettingsAsync(store.StoreHash, cancellationToken);
            if (!inventory.Enabled)
            {
                continue;
            }

            var correlationId = Guid.NewGuid().ToString("N");
            await queue.SendAsync(QueueNames.StoreSync, StoreSyncMessage.Request(store.StoreHash, SyncCursors.InventoryFlow, correlationId, tick.FiredAt), cancellationToken);
            queued++;
        }

        logger.LogInformation("Inventory push fanned out to {StoreCount} of {ActiveCount} active stores (past due {IsPastDue})",
            queued, active.Count, tick.IsPastDue);
    }
}
