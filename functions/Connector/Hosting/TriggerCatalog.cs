using Connector.Orders;

namespace Connector.Hosting;

/// <summary>A timer: its function name, the app setting holding its NCRONTAB schedule, and that setting's default.</summary>
public sealed record TimerTrigger(string FunctionName, string ScheduleSetting, string DefaultSchedule, Type Handler);

/// <summary>A queue-triggered function: its name, the queue it binds to, and the handler it delegates to.</summary>
public sealed record QueueTrigger(string FunctionName, string QueueName, Type Handler);

/// <summary>
/// Every trigger the connector has, in one place, so that LocalHost and the Azure Functions app
/// cannot drift apart: LocalHost runs exactly this list, and a test checks the Functions source against it.
/// </summary>
public static class TriggerCatalog
{
    public static IReadOnlyList<TimerTrigger> Timers { get; } =
    [
        new("OrderPoll", "OrderPollSchedule", "0 */15 * * * *", typeof(OrderPollTimer)),
    ];

    public static IReadOnlyList<QueueTrigger> Queues { get; } =
    [
        new("StoreSync", QueueNames.StoreSync, typeof(StoreSyncHandler)),
        new("ProcessOrder", QueueNames.Orders, typeof(ProcessOrderHandler)),
    ];
}
