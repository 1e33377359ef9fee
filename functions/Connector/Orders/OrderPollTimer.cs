using Connector.Hosting;
using Microsoft.Extensions.Logging;

namespace Connector.Orders;

/// <summary>Every 15 minutes: one store-sync job per active store. The work happens in the queue, one store at a time.</summary>
public sealed class OrderPollTimer(StoreSyncFanOut fanOut, ILogger<OrderPollTimer> logger) : ITimerHandler
{
    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var (queued, _) = await fanOut.RequestAsync(SyncCursors.OrdersFlow, tick, wanted: null, cancellationToken);
        logger.LogInformation("Order poll fanned out to {StoreCount} active stores (past due {IsPastDue})", queued, tick.IsPastDue);
    }
}
