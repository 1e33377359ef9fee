using Connector.Hosting;

namespace Connector.LocalHost;

/// <summary>
/// The triggers one LocalHost runs. The connector's own catalog in production; tests pass their
/// own lists so the listener and scheduler can be exercised with handlers they control.
/// </summary>
public sealed record LocalHostTriggers(IReadOnlyList<QueueTrigger> Queues, IReadOnlyList<TimerTrigger> Timers, IReadOnlyList<HttpTrigger>? Http = null)
{
    /// <summary>Exactly what the Azure Functions app binds.</summary>
    public static LocalHostTriggers Connector { get; } = new(TriggerCatalog.Queues, TriggerCatalog.Timers, TriggerCatalog.Http);

    public IReadOnlyList<HttpTrigger> HttpTriggers => Http ?? [];

    /// <summary>The connector's queues plus any a trigger binds, each created with its poison twin at start.</summary>
    public IReadOnlyList<string> QueueNamesToCreate() =>
        QueueNames.All.Concat(Queues.Select(q => q.QueueName)).Distinct(StringComparer.Ordinal).ToList();
}
