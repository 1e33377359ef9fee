using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.Storage;

namespace Connector.Hosting;

/// <summary>What a message sent back for a later round carries, in a <c>retry</c> property next to the body's own.</summary>
public sealed record RetryRound(int Round, string LastError, DateTimeOffset FirstFailedAt);

public static class RetryRounds
{
    public const string Property = "retry";

    /// <summary>The round the body says it is in, or null for a message on its first round.</summary>
    public static RetryRound? Of(string body)
    {
        try
        {
            return PoisonEnvelope.ParseObject(body)?[Property]?.Deserialize<RetryRound>(WorkQueue.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The body marked with <paramref name="round"/>; null when it is not a JSON object.</summary>
    public static string? Mark(string body, RetryRound round)
    {
        if (PoisonEnvelope.ParseObject(body) is not { } json)
        {
            return null;
        }

        json[Property] = JsonSerializer.SerializeToNode(round, WorkQueue.Json);
        return json.ToJsonString(WorkQueue.Json);
    }

    /// <summary>The body without its round: what a requeue sends, so it starts afresh.</summary>
    public static string Strip(string body)
    {
        if (PoisonEnvelope.ParseObject(body) is not { } json || json[Property] is null)
        {
            return body;
        }

        json.Remove(Property);
        return json.ToJsonString(WorkQueue.Json);
    }
}
