using System.Collections.Concurrent;
using Connector.Hosting;

namespace Connector.EndToEndTests.LocalHost;

/// <summary>What a test's queue handler does and saw; registered as a singleton per test host.</summary>
public sealed class QueueProbe
{
    private readonly ConcurrentQueue<QueueWorkItem> _calls = new();
    private int _running;
    private int _maxRunning;
    private int _succeeded;
    private int _cancelled;

    /// <summary>The handler's behaviour; throwing means "try again", as for real handlers.</summary>
    public Func<QueueWorkItem, CancellationToken, Task> Behavior { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyList<QueueWorkItem> Calls => _calls.ToArray();

    public int Succeeded => Volatile.Read(ref _succeeded);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    public async Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken)
    {
        _calls.Enqueue(message);
        var running = Interlocked.Increment(ref _running);
        Concurrency.RaiseMax(ref _maxRunning, running);
        try
        {
            await Behavior(message, cancellationToken);
            Interlocked.Increment(ref _succeeded);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

public sealed class ProbeQueueHandler(QueueProbe probe) : IQueueMessageHandler
{
    public Task HandleAsync(QueueWorkItem message, CancellationToken cancellationToken) => probe.HandleAsync(message, cancellationToken);
}

/// <summary>What a test's timer handler does and saw.</summary>
public sealed class TimerProbe
{
    private readonly ConcurrentQueue<TimerTick> _ticks = new();
    private int _running;
    private int _maxRunning;

    public Func<TimerTick, CancellationToken, Task> Behavior { get; set; } = (_, _) => Task.CompletedTask;

    public IReadOnlyList<TimerTick> Ticks => _ticks.ToArray();

    public int MaxConcurrent => Volatile.Read(ref _maxRunning);

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        _ticks.Enqueue(tick);
        var running = Interlocked.Increment(ref _running);
        Concurrency.RaiseMax(ref _maxRunning, running);

        try
        {
            await Behavior(tick, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}

public sealed class ProbeTimerHandler(TimerProbe probe) : ITimerHandler
{
    public Task RunAsync(TimerTick tick, CancellationToken cancellationToken) => probe.RunAsync(tick, cancellationToken);
}

internal static class Concurrency
{
    public static void RaiseMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
