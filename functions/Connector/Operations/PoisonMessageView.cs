using Connector.Hosting;

namespace Connector.Operations;

/// <summary>
/// One poison message as an operator sees it: ids and the last error, never the body (it may one day carry more
/// than ids). <see cref="Attempts"/> is null for a message the host moved without the connector's envelope.
/// </summary>
public sealed record PoisonMessageView(
    string MessageId,
    string Queue,
    string? StoreHash,
    string? SubjectKind,
    string? Subject,
    string LastError,
    long? Attempts,
    DateTimeOffset? FailedAt)
{
    public const string UnknownError = "unknown (moved by the host)";

    public static PoisonMessageView From(string queue, string messageId, string body, DateTimeOffset? insertedOn)
    {
        var (original, details) = PoisonEnvelope.Unwrap(body);
        var subject = MessageSubject.Of(original);
        return new PoisonMessageView(
            messageId,
            queue,
            subject.StoreHash,
            subject.Kind,
            subject.Subject,
            details?.LastError ?? UnknownError,
            details?.Attempts,
            // A bare message entered the poison queue when its last attempt failed.
            details?.FailedAt ?? insertedOn);
    }
}

/// <summary>One poison queue: up to <see cref="PoisonQueues.PeekLimit"/> messages, and how many there are in all.</summary>
public sealed record PoisonQueueView(string Queue, string PoisonQueue, int ApproximateCount, bool More, IReadOnlyList<PoisonMessageView> Messages);

/// <summary>What a requeue did for one queue. Failed ones stay in the poison queue and reappear there within a minute.</summary>
public sealed record RequeueCounts(int Requeued, int Skipped, int Failed);
