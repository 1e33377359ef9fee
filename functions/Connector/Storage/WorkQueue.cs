using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Connector.Telemetry;

namespace Connector.Storage;

/// <summary>
/// Sends small JSON envelopes to the work queues. Messages carry ids, never tokens or customer data; when tracing is on,
/// also the sender's trace context (<see cref="QueueTraceContext"/>), so the message's processing joins the sender's trace.
/// </summary>
public sealed class WorkQueue(ConnectorStorage storage)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken)
    {
        QueueClient queue = storage.Queue(queueName);
        // Only while the connector is traced: ASP.NET Core keeps a request Activity even when nothing listens.
        using var send = QueueTraceContext.StartSend(queueName);
        var body = send is not null && JsonSerializer.SerializeToNode(message, Json) is JsonObject json
            ? QueueTraceContext.Stamp(json, send)
            : JsonSerializer.Serialize(message, Json);
        await queue.SendMessageAsync(body, cancellationToken);
    }

    /// <summary>Reads a message body; a body that is not the expected envelope is a permanent error for that message.</summary>
    public static T Read<T>(string body) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidMessageException("The message body is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidMessageException($"The message body is not a {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}

/// <summary>A message that can never be processed; the host moves it to the poison queue after its attempts.</summary>
public sealed class InvalidMessageException(string message, Exception? inner = null) : Exception(message, inner);
