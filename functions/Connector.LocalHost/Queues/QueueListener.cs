using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Connector.Hosting;
using Connector.Storage;
using Microsoft.Extensions.Options;

namespace Connector.LocalHost.Queues;

/// <summary>
/// One queue trigger, with the Azure Functions queue trigger's semantics: receive up to
/// BatchSize messages, run them concurrently, fetch more once the number in flight falls to
/// NewBatchThreshold; back off while the queue is empty; settle each message as
/// <see cref="MessageSettlement"/> describes. At-least-once: a message whose outcome cannot be
/// recorded simply reappears when its lease ends.
/// </summary>
public sealed class QueueListener(
    QueueTrigger trigger,
    ConnectorStorage storage,
    IServiceScopeFactory scopes,
    IOptions<QueueHostOptions> queueOptions,
    IOptions<QueueConcurrencyOptions> concurrency,
    IOptions<LocalHostOptions> hostOptions,
    TimeProvider time,
    ILogger<QueueListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstIdlePoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstErrorRetry = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestErrorRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = concurrency.Value.For(trigger.QueueName, queueOptions.Value);
        var queue = storage.Queue(trigger.QueueName);
        var settlement = new MessageSettlement(
            trigger, queue, storage.Queue(QueueNames.PoisonOf(trigger.QueueName)), options, hostOptions.Value.MessageLease, time, logger);

        // Handlers keep running through shutdown until the drain deadline; only then are they cancelled.
        var abortHandlers = new CancellationTokenSource();
        var inFlight = new ConcurrentDictionary<long, Task>();
        // Released once per finished message; the loop waits on it while too many are in flight.
        // Neither is disposed: abandoned handlers may still touch them after this method returns.
        var finished = new SemaphoreSlim(0);
        long started = 0;

        var idle = new Backoff(FirstIdlePoll, options.MaxPollingInterval);
        var failing = new Backoff(FirstErrorRetry, LongestErrorRetry);

        logger.LogInformation(
            "Function {Function} listening to queue {Queue} (batch {BatchSize}, new batch at {NewBatchThreshold}, max dequeue {MaxDequeueCount})",
            trigger.FunctionName, trigger.QueueName, options.BatchSize, options.NewBatchThreshold, options.MaxDequeueCount);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (inFlight.Count > options.NewBatchThreshold)
                {
                    await finished.WaitAsync(stoppingToken);
                }

                QueueMessage[] batch;
                try
                {
                    // The host's polling, not the connector's work: no span (the Functions host's polling makes none in the worker).
                    using (OpenTelemetry.SuppressInstrumentationScope.Begin())
                    {
                        batch = (await queue.ReceiveMessagesAsync(options.BatchSize, hostOptions.Value.MessageLease, stoppingToken)).Value;
                    }

                    failing.Reset();
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Storage down or restarting: keep the host up and try again later.
                    var wait = failing.Next();
                    logger.LogWarning(ex, "Receiving from queue {Queue} failed; retrying in {RetryMs} ms", trigger.QueueName, wait.TotalMilliseconds);
                    await Task.Delay(wait, time, stoppingToken);
                    continue;
                }

                if (batch.Length == 0)
                {
                    await Task.Delay(idle.Next(), time, stoppingToken);
                    continue;
                }

                idle.Reset();
                foreach (var message in batch)
                {
                    var id = ++started;
                    var work = Task.Run(() => settlement.ProcessAsync(message, RunHandlerAsync, abortHandlers.Token), CancellationToken.None);
                    inFlight[id] = work;
                    // Registered after the add, so the remove can never run first.
                    _ = work.ContinueWith(
                        _ =>
                        {
                            inFlight.TryRemove(id, out var _);
                            finished.Release();
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: stop receiving; what is in flight is drained below.
        }

        await DrainAsync(inFlight.Values.ToArray(), abortHandlers);
    }

    private async Task DrainAsync(Task[] pending, CancellationTokenSource abortHandlers)
    {
        if (pending.Length == 0)
        {
            return;
        }

        var drainTimeout = hostOptions.Value.ShutdownDrainTimeout;
        logger.LogInformation("Queue {Queue}: waiting up to {DrainSeconds} s for {InFlight} message(s) in flight", trigger.QueueName, drainTimeout.TotalSeconds, pending.Length);
        var all = Task.WhenAll(pending);
        try
        {
            await all.WaitAsync(drainTimeout, time);
        }
        catch (TimeoutException)
        {
            // What is still running is cancelled; its messages reappear once released or their lease ends.
            logger.LogWarning("Queue {Queue}: {InFlight} message(s) still running at shutdown; cancelling them", trigger.QueueName, pending.Count(t => !t.IsCompleted));
            await abortHandlers.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(2), time));
        }
    }

    /// <summary>
    /// Resolves the handler in a scope of its own per message, as the Functions host does per invocation, and runs
    /// it through <see cref="QueueInvocation"/> as the Functions app does (the last error goes with a poison message).
    /// </summary>
    private async Task<QueueRunOutcome> RunHandlerAsync(QueueWorkItem item, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var handler = (IQueueMessageHandler)scope.ServiceProvider.GetRequiredService(trigger.Handler);
        return await scope.ServiceProvider.GetRequiredService<QueueInvocation>().RunAsync(trigger.QueueName, handler, item, cancellationToken);
    }
}
