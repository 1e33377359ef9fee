namespace Connector.Hosting;

/// <summary>
/// One queue message as a host hands it over. Throwing from the handler means "try again":
/// the host lets the message reappear and moves it to the poison queue after the last attempt.
/// </summary>
public sealed record QueueWorkItem(string MessageId, string Body, long DequeueCount, DateTimeOffset? InsertedOn);

public interface IQueueMessageHandler
{
    Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken);
}
