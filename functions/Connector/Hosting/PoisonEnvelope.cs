using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Storage;

namespace Connector.Hosting;

/// <summary>
/// What a poison message says about its last failure, in a <c>poison</c> property next to the original
/// body's own: enough to act on without searching the logs.
/// </summary>
public sealed record PoisonDetails(string Queue, string LastError, long Attempts, DateTimeOffset FailedAt, string? OriginalMessageId);

/// <summary>
/// Adds and removes the <c>poison</c> property. Handlers read bodies with <see cref="WorkQueue.Json"/>, which
/// skips unknown properties, so an enveloped body still parses; requeue strips it anyway so a requeued
/// message is the original.
/// </summary>
public static class PoisonEnvelope
{
    public const string Property = "poison";

    /// <summary>The message's carried copy of its subject and when it was read (<c>OrderMessage.Carried</c>), never kept in poison.</summary>
    public const string CarriedProperty = "carried";
    public const string CarriedReadAtProperty = "carriedReadAt";

    /// <summary>Enough to see the cause; the stack stays in the logs.</summary>
    public const int MaxErrorLength = 1000;

    /// <summary>The body with the details added; null when the body is not a JSON object (nothing to add them to).</summary>
    public static string? Wrap(string body, PoisonDetails details)
    {
        if (ParseObject(body) is not { } json)
        {
            return null;
        }

        // A message that failed again after a requeue carries only its latest failure.
        json[Property] = JsonSerializer.SerializeToNode(details, WorkQueue.Json);
        // A copy of the message's subject (an order, with its customer) is not kept in poison for months: the handler
        // reads the subject again when the message is requeued.
        json.Remove(CarriedProperty);
        json.Remove(CarriedReadAtProperty);
        return json.ToJsonString(WorkQueue.Json);
    }

    /// <summary>The original body and the details, if the body carries them (the host's own poison move adds none).</summary>
    public static (string Body, PoisonDetails? Details) Unwrap(string body)
    {
        if (ParseObject(body) is not { } json || !json.ContainsKey(Property))
        {
            return (body, null);
        }

        PoisonDetails? details;
        try
        {
            details = json[Property]?.Deserialize<PoisonDetails>(WorkQueue.Json);
        }
        catch (JsonException)
        {
            details = null;
        }

        json.Remove(Property);
        return (json.ToJsonString(WorkQueue.Json), details);
    }

    /// <summary>The exception's type and message, without the stack, cut to <see cref="MaxErrorLength"/>.</summary>
    public static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxErrorLength ? text : string.Concat(text.AsSpan(0, MaxErrorLength - 1), "…");
    }

    internal static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
