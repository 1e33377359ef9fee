using Connector.Hosting;
using Connector.Orders;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Inventory;

/// <summary>Hourly: one store-sync message (flow <c>inventory</c>) per active store with the inventory flow on.</summary>
public sealed class InventoryPushTimer(StoreSyncFanOut fanOut, StoreSettings settings, ILogger<InventoryPushTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var (queued, active) = await fanOut.RequestAsync(SyncCursors.InventoryFlow, tick,
            async (store, ct) => (await settings.GetInventorySettingsAsync(store, ct)).Enabled, cancellationToken);
        logger.LogInformation("Inventory push fanned out to {StoreCount} of {ActiveCount} active stores (past due {IsPastDue})",
            queued, active, tick.IsPastDue);
    }
}
