using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Operations;

/// <summary>
/// Reads the poison queues and puts their messages back on the queues they came from, once the cause is fixed.
/// Requeue sends to the original queue first and deletes from poison second: a crash in between leaves a
/// duplicate (handlers are idempotent), never a loss.
/// </summary>
public sealed class PoisonQueues(ConnectorStorage storage, ILogger<PoisonQueues> logger)
{
    /// <summary>Azure Storage queues peek at most 32 messages; more would mean receiving (hiding) them.</summary>
    public const int PeekLimit = 32;

    /// <summary>One requeue call handles at most this many per queue, so a huge backlog cannot hold a request open for long.</summary>
    public const int RequeueLimit = 2000;

    /// <summary>How long a received message stays hidden while it is requeued; if the call dies, it reappears in poison then.</summary>
    private static readonly TimeSpan ReceiveLease = TimeSpan.FromMinutes(1);

    public async Task<PoisonQueueView> PeekAsync(string queueName, string? storeHash, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(QueueNames.PoisonOf(queueName));
        if (!(await poison.ExistsAsync(cancellationToken)).Value)
        {
            return new PoisonQueueView(queueName, poison.Name, 0, false, []);
        }

        var count = (await poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        PeekedMessage[] peeked = (await poison.PeekMessagesAsync(PeekLimit, cancellationToken)).Value;
        var messages = peeked
            .Select(m => PoisonMessageView.From(queueName, m.MessageId, m.Body.ToString(), m.InsertedOn))
            .Where(m => storeHash is null || m.StoreHash == storeHash)
            .ToList();
        return new PoisonQueueView(queueName, poison.Name, count, count > peeked.Length, messages);
    }

    public async Task<RequeueCounts> RequeueAsync(string queueName, string? storeHash, CancellationToken cancellationToken)
    {
        var poison = storage.Queue(QueueNames.PoisonOf(queueName));
        if (!(await poison.ExistsAsync(cancellationToken)).Value)
        {
            return new RequeueCounts(0, 0, 0);
        }

        var target = storage.Queue(queueName);
        int requeued = 0, failed = 0;
        // Another store's messages, received and so hidden: shown again at the end, not left hidden for a minute.
        List<QueueMessage> skipped = [];
        while (requeued + failed + skipped.Count < RequeueLimit)
        {
            QueueMessage[] batch = (await poison.ReceiveMessagesAsync(PeekLimit, ReceiveLease, cancellationToken)).Value;
            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                var body = RetryRounds.Strip(PoisonEnvelope.Unwrap(message.Body.ToString()).Body);
                var subject = MessageSubject.Of(body);
                if (storeHash is not null && subject.StoreHash != storeHash)
                {
                    skipped.Add(message);
                    continue;
                }

                try
                {
                    // Not cancellable between the two steps: a send without its delete is only a duplicate.
                    await target.SendMessageAsync(body, CancellationToken.None);
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                    requeued++;
                    logger.LogInformation("Requeued {Queue} message {MessageId} for store {StoreHash} {SubjectKind} {Subject}",
                        queueName, message.MessageId, subject.StoreHash, subject.Kind, subject.Subject);
                }
                catch (Exception ex)
                {
                    // Left in poison: it reappears there when its lease ends, to be requeued by the next call.
                    failed++;
                    logger.LogWarning(ex, "Requeueing {Queue} message {MessageId} failed; it stays in {PoisonQueue}", queueName, message.MessageId, poison.Name);
                }
            }
        }

        foreach (var message in skipped)
        {
            try
            {
                await poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Harmless: it shows again when its lease ends.
                logger.LogWarning(ex, "{PoisonQueue} message {MessageId} stays hidden until its lease ends", poison.Name, message.MessageId);
            }
        }

        return new RequeueCounts(requeued, skipped.Count, failed);
    }
}
