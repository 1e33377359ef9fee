using Connector.Storage;

namespace Connector.Hosting;

/// <summary>Where <see cref="QueueInvocation"/> puts a message for a later retry round: its own queue, hidden for a while.</summary>
public interface IRetryQueue
{
    Task SendLaterAsync(string queueName, string body, TimeSpan delay, CancellationToken cancellationToken);
}

public sealed class StorageRetryQueue(ConnectorStorage storage) : IRetryQueue
{
    // Azure Storage hides a message for at most 7 days; the rounds' delays stay far below.
    public async Task SendLaterAsync(string queueName, string body, TimeSpan delay, CancellationToken cancellationToken) =>
        await storage.Queue(queueName).SendMessageAsync(body, visibilityTimeout: delay, cancellationToken: cancellationToken);
}
