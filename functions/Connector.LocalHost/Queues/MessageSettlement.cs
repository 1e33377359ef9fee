using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Connector.Hosting;

namespace Connector.LocalHost.Queues;

/// <summary>
/// What happens to one received message, as in the Functions queue trigger:
/// the handler returns → the message is deleted; the handler throws → the message becomes
/// visible again after VisibilityTimeout, unless this was attempt MaxDequeueCount, in which case
/// its body is copied to the poison queue and it is deleted. (On the last attempt the handler's
/// <see cref="QueueInvocation"/> normally sends the poison copy itself, with the last error, and
/// returns <see cref="QueueRunOutcome.Poisoned"/>; the bare move here is the fallback.) While the handler runs, the
/// message's lease is extended so it does not reappear mid-run.
/// </summary>
public sealed class MessageSettlement(
    QueueTrigger trigger,
    QueueClient queue,
    QueueClient poisonQueue,
    QueueHostOptions options,
    TimeSpan lease,
    TimeProvider time,
    ILogger logger)
{
    public const string Succeeded = "succeeded";
    public const string RetryScheduled = "retry-scheduled";
    public const string Poisoned = "poisoned";
    public const string RetryLater = "retry-later";
    public const string Abandoned = "abandoned";

    /// <summary>Never throws: a failure to record the outcome leaves the message to reappear.</summary>
    public async Task ProcessAsync(
        QueueMessage message, Func<QueueWorkItem, CancellationToken, Task<QueueRunOutcome>> handler, CancellationToken cancellationToken)
    {
        var startedAt = time.GetTimestamp();
        var popReceipt = new PopReceipt(message.PopReceipt);
        // Deleting, renewing and releasing messages is the host's work, not the connector's: no spans, as in the Functions
        // worker, where the host does it. The handler runs traced (RunWithLeaseAsync).
        using var hostWork = OpenTelemetry.SuppressInstrumentationScope.Begin();
        try
        {
            // Received more often than allowed (a host died mid-run on its last attempt): QueueInvocation gives it a later
            // round or poison without running it; if even that fails, the failure path below moves it to poison.
            Exception? failure = null;
            var outcome = QueueRunOutcome.Completed;
            try
            {
                outcome = await RunWithLeaseAsync(message, popReceipt, handler, cancellationToken);
            }
            catch (Exception ex)
            {
                failure = ex;
            }

            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, popReceipt.Value, CancellationToken.None);
                if (outcome == QueueRunOutcome.Poisoned)
                {
                    Log(LogLevel.Error, null, message, Poisoned, startedAt);
                }
                else if (outcome == QueueRunOutcome.RetryLater)
                {
                    Log(LogLevel.Warning, null, message, RetryLater, startedAt);
                }
                else
                {
                    Log(LogLevel.Information, null, message, Succeeded, startedAt);
                }
            }
            else if (failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // Cancelled by shutdown, not failed: hand it back at once for the next host to take.
                await queue.UpdateMessageAsync(message.MessageId, popReceipt.Value, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                Log(LogLevel.Warning, null, message, Abandoned, startedAt);
            }
            else if (message.DequeueCount >= options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, popReceipt);
                Log(LogLevel.Error, failure, message, Poisoned, startedAt);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, popReceipt.Value, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
                Log(LogLevel.Warning, failure, message, RetryScheduled, startedAt);
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(
                ex,
                "Queue {Queue} message {MessageId} attempt {DequeueCount}: its outcome could not be recorded; it will reappear when its lease ends",
                trigger.QueueName, message.MessageId, message.DequeueCount);
        }
    }

    private async Task<QueueRunOutcome> RunWithLeaseAsync(
        QueueMessage message, PopReceipt popReceipt, Func<QueueWorkItem, CancellationToken, Task<QueueRunOutcome>> handler, CancellationToken cancellationToken)
    {
        var item = new QueueWorkItem(message.MessageId, message.Body.ToString(), message.DequeueCount, message.InsertedOn);
        Task<QueueRunOutcome> run;
        using (OpenTelemetry.SuppressInstrumentationScope.Begin(false))
        {
            run = handler(item, cancellationToken);
        }

        var renewEvery = lease / 2;
        while (!run.IsCompleted)
        {
            using var stopWaiting = new CancellationTokenSource();
            var renewDue = Task.Delay(renewEvery, time, stopWaiting.Token);
            if (await Task.WhenAny(run, renewDue) == run)
            {
                await stopWaiting.CancelAsync();
                break;
            }

            try
            {
                var updated = await queue.UpdateMessageAsync(message.MessageId, popReceipt.Value, visibilityTimeout: lease, cancellationToken: CancellationToken.None);
                popReceipt.Value = updated.Value.PopReceipt;
            }
            catch (Exception ex)
            {
                // The run goes on; at worst the message reappears and runs twice, which handlers allow.
                logger.LogWarning(ex, "Queue {Queue} message {MessageId}: could not extend its lease", trigger.QueueName, message.MessageId);
            }
        }

        return await run;
    }

    private async Task MoveToPoisonAsync(QueueMessage message, PopReceipt popReceipt)
    {
        // Copy first, delete second: a crash in between duplicates the poison copy rather than losing it.
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, popReceipt.Value, CancellationToken.None);
    }

    private void Log(LogLevel level, Exception? failure, QueueMessage message, string outcome, long startedAt) =>
        // The body is never logged: it is the business of the handler, and may carry customer data.
        logger.Log(
            level,
            failure,
            "Function {Function} queue {Queue} message {MessageId} attempt {DequeueCount}: {Outcome} in {DurationMs} ms",
            trigger.FunctionName,
            trigger.QueueName,
            message.MessageId,
            message.DequeueCount,
            outcome,
            (long)time.GetElapsedTime(startedAt).TotalMilliseconds);

    /// <summary>Every lease update issues a new pop receipt; delete and update need the latest.</summary>
    private sealed class PopReceipt(string value)
    {
        public string Value { get; set; } = value;
    }
}
