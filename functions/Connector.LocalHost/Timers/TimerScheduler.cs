using Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Connector.LocalHost.Timers;

/// <summary>
/// Fires one timer trigger on its schedule, as the Functions timer trigger does: runs never
/// overlap (the next occurrence is computed after a run ends, skipping any it overran), a late
/// firing is flagged IsPastDue, and a run that throws is logged without stopping the schedule.
/// Every clock read and wait goes through <see cref="TimeProvider"/>, so tests can drive it.
/// </summary>
public sealed class TimerScheduler(
    TimerTrigger trigger,
    TimerSchedule schedule,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<LocalHostOptions> options,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    /// <summary>How late a firing may be before the handler is told it is past due.</summary>
    public static readonly TimeSpan PastDueAfter = TimeSpan.FromSeconds(5);

    // Waits are cut into slices so a clock change is noticed and long waits stay within Task.Delay's range.
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.RunTimersOnStartup)
            {
                await RunAsync(time.GetUtcNow(), isPastDue: false, stoppingToken);
            }

            var due = schedule.NextAfter(time.GetUtcNow());
            logger.LogInformation(
                "Timer {Function} scheduled '{Schedule}' from {ScheduleSource}; next at {NextRun:O}",
                trigger.FunctionName, schedule.Expression, schedule.Source, due);

            while (due is { } dueAt)
            {
                var now = time.GetUtcNow();
                if (now < dueAt)
                {
                    var wait = dueAt - now;
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, time, stoppingToken);
                    continue;
                }

                await RunAsync(now, isPastDue: now - dueAt > PastDueAfter, stoppingToken);

                // From the later of the end of the run and the occurrence just served, so a clock
                // that woke a hair early cannot serve the same occurrence twice.
                var ended = time.GetUtcNow();
                due = schedule.NextAfter(ended > dueAt ? ended : dueAt);
            }

            logger.LogWarning("Timer {Function}: schedule '{Schedule}' has no further occurrence", trigger.FunctionName, schedule.Expression);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutting down.
        }
    }

    private async Task RunAsync(DateTimeOffset firedAt, bool isPastDue, CancellationToken stoppingToken)
    {
        var startedAt = time.GetTimestamp();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (ITimerHandler)scope.ServiceProvider.GetRequiredService(trigger.Handler);
            await handler.RunAsync(new TimerTick(firedAt, isPastDue), stoppingToken);
            logger.LogInformation(
                "Timer {Function} fired at {FiredAt:O} (past due: {IsPastDue}): succeeded in {DurationMs} ms",
                trigger.FunctionName, firedAt, isPastDue, (long)time.GetElapsedTime(startedAt).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(
                ex,
                "Timer {Function} fired at {FiredAt:O} (past due: {IsPastDue}): failed in {DurationMs} ms; the schedule continues",
                trigger.FunctionName, firedAt, isPastDue, (long)time.GetElapsedTime(startedAt).TotalMilliseconds);
        }
    }
}
