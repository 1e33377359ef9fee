using Connector.Storage;

namespace Connector.Hosting;

/// <summary>Where <see cref="QueueInvocation"/> puts a message that has used up its attempts: the queue's poison twin.</summary>
public interface IPoisonQueue
{
    Task SendAsync(string queueName, string body, CancellationToken cancellationToken);
}

public sealed class StoragePoisonQueue(ConnectorStorage storage) : IPoisonQueue
{
    public async Task SendAsync(string queueName, string body, CancellationToken cancellationToken) =>
        await storage.Queue(QueueNames.PoisonOf(queueName)).SendMessageAsync(body, cancellationToken);
}
