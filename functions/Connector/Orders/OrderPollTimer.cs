using Connector.Hosting;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>Every 15 minutes: one store-sync job per active store. The work happens in the queue, one store at a time.</summary>
public sealed class OrderPollTimer(IStoreDirectory stores, WorkQueue queue, ILogger<OrderPollTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var active = await stores.ListActiveStoresAsync(cancellationToken);
        foreach (var store in active)
        {
            var correlationId = Guid.NewGuid().ToString("N");
            await queue.SendAsync(QueueNames.StoreSync, StoreSyncMessage.Request(store.StoreHash, SyncCursors.OrdersFlow, correlationId, tick.FiredAt), cancellationToken);
            logger.LogInformation("Order poll queued store {StoreHash} (correlation {CorrelationId}, past due {IsPastDue})",
                store.StoreHash, correlationId, tick.IsPastDue);
        }

        logger.LogInformation("Order poll fanned out to {StoreCount} active stores", active.Count);
    }
}
