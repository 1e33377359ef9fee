using Connector.Hosting;

namespace Connector.Storage;

/// <summary>
/// The queues a host binds, each with its poison twin: what start-up creates and what /api/health counts. The
/// connector's own (<see cref="QueueNames.All"/>) everywhere; LocalHost adds the queues a test's triggers bind.
/// </summary>
public sealed record HostedQueues(IReadOnlyList<string> Names)
{
    public static HostedQueues Connector { get; } = new(QueueNames.All);
}
