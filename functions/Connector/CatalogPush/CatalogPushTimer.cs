using Connector.Catalog;
using Connector.Hosting;
using Connector.Orders;
using Microsoft.Extensions.Logging;

namespace Connector.CatalogPush;

/// <summary>Every 15 minutes: one catalog-push store-sync per active store whose catalog push is on.</summary>
public sealed class CatalogPushTimer(StoreSyncFanOut fanOut, CatalogSettingsStore settings, ILogger<CatalogPushTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var (queued, active) = await fanOut.RequestAsync(CatalogPushJob.Flow, tick,
            async (storeHash, ct) => (await settings.GetAsync(storeHash, ct)).PushEnabled, cancellationToken);
        logger.LogInformation("Catalog push queued {Queued} of {Active} active stores (past due {IsPastDue})", queued, active, tick.IsPastDue);
    }
}
