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

    /// <summary>The HTTP triggers; a list without /api/health gets it, so every LocalHost can be probed.</summary>
    public IReadOnlyList<HttpTrigger> HttpTriggers =>
        (Http ?? []).Any(h => h.Handler == TriggerCatalog.Health.Handler) ? Http! : [.. Http ?? [], TriggerCatalog.Health];

    /// <summary>The connector's queues plus any a trigger binds, each created with its poison twin at start.</summary>
    public IReadOnlyList<string> QueueNamesToCreate() =>
        QueueNames.All.Concat(Queues.Select(q => q.QueueName)).Distinct(StringComparer.Ordinal).ToList();
}
