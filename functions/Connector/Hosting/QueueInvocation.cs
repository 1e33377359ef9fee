using System.Diagnostics;
using Connector.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Hosting;

/// <summary>How a queue message's run ended, for the host's log line.</summary>
public enum QueueRunOutcome
{
    Completed,
    /// <summary>Failed on its last attempt and sent to the poison queue with the details; the host deletes the original.</summary>
    Poisoned,

    /// <summary>Failed on its last attempt and sent back to its queue for a later round (<see cref="QueueRetryOptions"/>).</summary>
    RetryLater,
}

/// <summary>
/// How both hosts run a queue handler. A failure on the last attempt (DequeueCount ≥ MaxDequeueCount) of a round
/// sends the message back to its queue for a later round while rounds are left (<see cref="QueueRetryOptions"/>:
/// a dependency that is down for hours costs time, not a requeue); after the last round it sends the
/// body to <c>&lt;queue&gt;-poison</c> with a <c>poison</c> object (queue, last error, attempts, when, message id)
/// and completes, so the host deletes the original instead of moving it bare. Invalid messages are treated
/// like any failure here, as the handlers and hosts already treat them. If the poison send fails, the original
/// exception is rethrown: the host's own poison move then still happens, so nothing is lost either way.
/// </summary>
public sealed class QueueInvocation(
    IPoisonQueue poison,
    IRetryQueue retry,
    IOptions<QueueHostOptions> options,
    IOptions<QueueRetryOptions> retryOptions,
    TimeProvider time,
    ILogger<QueueInvocation> logger)
{
    public async Task<QueueRunOutcome> RunAsync(
        string queueName, IQueueMessageHandler handler, QueueWorkItem message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > options.Value.MaxDequeueCount)
        {
            return await OutlivedItsWorkerAsync(queueName, message);
        }

        // The message's own trace: a child of the span that sent it (QueueTraceContext).
        using var span = QueueTraceContext.StartProcess(queueName, message);
        try
        {
            await handler.HandleAsync(message, cancellationToken);
            return Ended(span, QueueRunOutcome.Completed);
        }
        catch (Exception ex) when (IsLastAttempt(message) && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            Failed(span, ex);
            if (!IsPermanent(ex) && await TryRetryLaterAsync(queueName, message, ex))
            {
                return Ended(span, QueueRunOutcome.RetryLater);
            }

            if (!await TrySendToPoisonAsync(queueName, message, ex))
            {
                throw;
            }

            return Ended(span, QueueRunOutcome.Poisoned);
        }
        catch (Exception ex)
        {
            Failed(span, ex);
            throw;
        }
    }

    /// <summary>
    /// Received more often than allowed: the worker running its last attempt died (LocalHost's; the Functions host moves
    /// such a message to poison before the worker sees it). Its work was not run, nor did it fail for good: it gets a
    /// later round, as a failure would, while rounds are left, and poison after them. The soak's kill during a back-office
    /// outage found it poisoned.
    /// </summary>
    private async Task<QueueRunOutcome> OutlivedItsWorkerAsync(string queueName, QueueWorkItem message)
    {
        var stopped = new WorkerStoppedException(
            $"The worker running attempt {options.Value.MaxDequeueCount} stopped before it finished (the message was received {message.DequeueCount} times).");
        if (await TryRetryLaterAsync(queueName, message, stopped))
        {
            return QueueRunOutcome.RetryLater;
        }

        if (await TrySendToPoisonAsync(queueName, message, stopped))
        {
            return QueueRunOutcome.Poisoned;
        }

        throw stopped;
    }

    private static QueueRunOutcome Ended(System.Diagnostics.Activity? span, QueueRunOutcome outcome)
    {
        span?.SetTag(SpanTags.Outcome, outcome.ToString());
        return outcome;
    }

    /// <summary>The exception's type only: its message may quote a back office's answer.</summary>
    private static void Failed(System.Diagnostics.Activity? span, Exception exception) =>
        span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name).SetTag("error.type", exception.GetType().FullName);

    /// <summary>Failures that waiting cannot mend: an unreadable message, or an answer BigCommerce will give again.</summary>
    private static bool IsPermanent(Exception exception) =>
        exception is Storage.InvalidMessageException or BigCommerce.BigCommerceApiException { IsTransient: false };

    private bool IsLastAttempt(QueueWorkItem message) => message.DequeueCount >= options.Value.MaxDequeueCount;

    private async Task<bool> TryRetryLaterAsync(string queueName, QueueWorkItem message, Exception failure)
    {
        var previous = RetryRounds.Of(message.Body);
        var round = (previous?.Round ?? 0) + 1;
        if (round > retryOptions.Value.Rounds)
        {
            return false;
        }

        var details = new RetryRound(round, PoisonEnvelope.Describe(failure), previous?.FirstFailedAt ?? time.GetUtcNow());
        if (RetryRounds.Mark(message.Body, details) is not { } body)
        {
            return false;
        }

        var delay = retryOptions.Value.DelayBefore(round);
        try
        {
            // Not cancellable, for the same reason as the poison send.
            await retry.SendLaterAsync(queueName, body, delay, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Queue {Queue} message {MessageId}: could not send it back for a later round", queueName, message.MessageId);
            return false;
        }

        var subject = MessageSubject.Of(message.Body);
        logger.LogWarning(
            "Queue {Queue} message {MessageId} for store {StoreHash} {SubjectKind} {Subject} failed {Attempts} times; round {Round} of {Rounds} in {Delay}. Last error: {LastError}",
            queueName, message.MessageId, subject.StoreHash, subject.Kind, subject.Subject, message.DequeueCount, round, retryOptions.Value.Rounds, delay, details.LastError);
        return true;
    }

    private async Task<bool> TrySendToPoisonAsync(string queueName, QueueWorkItem message, Exception failure)
    {
        var earlierRounds = RetryRounds.Of(message.Body)?.Round ?? 0;
        var attempts = earlierRounds * options.Value.MaxDequeueCount + message.DequeueCount;
        var details = new PoisonDetails(queueName, PoisonEnvelope.Describe(failure), attempts, time.GetUtcNow(), message.MessageId);
        var subject = MessageSubject.Of(message.Body);
        if (PoisonEnvelope.Wrap(message.Body, details) is not { } body)
        {
            // Not a JSON object: the host moves it as it is.
            return false;
        }

        try
        {
            // Not cancellable: shutting down halfway must not leave the original deleted and no copy sent.
            await poison.SendAsync(queueName, body, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Queue {Queue} message {MessageId}: could not send it to {PoisonQueue}; the host moves it instead",
                queueName, message.MessageId, QueueNames.PoisonOf(queueName));
            return false;
        }

        // The body is never logged: ids and the error are enough to act on.
        logger.LogWarning(
            "Queue {Queue} message {MessageId} for store {StoreHash} {SubjectKind} {Subject} failed {Attempts} times; moved to {PoisonQueue}. Last error: {LastError}",
            queueName, message.MessageId, subject.StoreHash, subject.Kind, subject.Subject, attempts, QueueNames.PoisonOf(queueName), details.LastError);
        return true;
    }
}

/// <summary>A message's last attempt never finished: its worker stopped (killed, crashed) while running it.</summary>
public sealed class WorkerStoppedException(string message) : Exception(message);
