using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>
/// Every 15 minutes by default: one store-sync message (flow <c>shipments</c>) per active store with shipments on, or
/// pulling BigCommerce's shipments (that poll is the safety net under the shipment webhooks).
/// </summary>
public sealed class ShipmentPollTimer(IStoreDirectory stores, StoreSettings settings, WorkQueue queue, ILogger<ShipmentPollTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var active = await stores.ListActiveStoresAsync(cancellationToken);
        var queued = 0;
        foreach (var store in active)
        {
            var options = await settings.GetShipmentSettingsAsync(store.StoreHash, cancellationToken);
            if (!options.Enabled && !options.PullBigCommerceShipments)
            {
                continue;
            }

            await queue.SendAsync(QueueNames.StoreSync,
                StoreSyncMessage.Request(store.StoreHash, SyncCursors.ShipmentsFlow, Guid.NewGuid().ToString("N"), tick.FiredAt), cancellationToken);
            queued++;
        }

        logger.LogInformation("Shipment poll fanned out to {StoreCount} of {ActiveCount} active stores (past due {IsPastDue})", queued, active.Count, tick.IsPastDue);
    }
}
