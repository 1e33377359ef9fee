using Connector.Hosting;
using Connector.Orders;
using Microsoft.Extensions.Logging;

namespace Connector.Catalog;

/// <summary>Every 15 minutes: one catalog store-sync per active store whose catalog flow is on (the webhooks' safety net).</summary>
public sealed class CatalogPollTimer(StoreSyncFanOut fanOut, CatalogSettingsStore settings, ILogger<CatalogPollTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var (queued, active) = await fanOut.RequestAsync(CatalogPollOptions.Flow, tick,
            async (storeHash, ct) => (await settings.GetAsync(storeHash, ct)).PullEnabled, cancellationToken);
        logger.LogInformation("Catalog poll queued {Queued} of {Active} active stores (past due {IsPastDue})", queued, active, tick.IsPastDue);
    }
}
