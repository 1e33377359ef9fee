using Connector.Hosting;
using Connector.Orders;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.Shipments;

/// <summary>
/// Every 15 minutes by default: one store-sync message (flow <c>shipments</c>) per active store with shipments on, or
/// pulling BigCommerce's shipments (that poll is the safety net under the shipment webhooks).
/// </summary>
public sealed class ShipmentPollTimer(StoreSyncFanOut fanOut, StoreSettings settings, ILogger<ShipmentPollTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var (queued, active) = await fanOut.RequestAsync(SyncCursors.ShipmentsFlow, tick, async (store, ct) =>
        {
            var options = await settings.GetShipmentSettingsAsync(store, ct);
            return options.Enabled || options.PullBigCommerceShipments;
        }, cancellationToken);
        logger.LogInformation("Shipment poll fanned out to {StoreCount} of {ActiveCount} active stores (past due {IsPastDue})", queued, active, tick.IsPastDue);
    }
}
