using Connector.Hosting;
using Connector.Storage;
using Connector.Stores;

namespace Connector.Orders;

/// <summary>What every flow's timer does: one store-sync request for the flow per active store that wants it.</summary>
public sealed class StoreSyncFanOut(IStoreDirectory stores, WorkQueue queue)
{
    /// <param name="wanted">Whether the store wants this run (its flow is on); null: every active store.</param>
    public async Task<(int Queued, int Active)> RequestAsync(
        string flow, TimerTick tick, Func<string, CancellationToken, Task<bool>>? wanted, CancellationToken cancellationToken)
    {
        var active = await stores.ListActiveStoresAsync(cancellationToken);
        var queued = 0;
        foreach (var store in active)
        {
            if (wanted is not null && !await wanted(store.StoreHash, cancellationToken))
            {
                continue;
            }

            await queue.SendAsync(QueueNames.StoreSync,
                StoreSyncMessage.Request(store.StoreHash, flow, Guid.NewGuid().ToString("N"), tick.FiredAt), cancellationToken);
            queued++;
        }

        return (queued, active.Count);
    }
}
