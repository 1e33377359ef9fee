namespace Connector.Hosting;

/// <summary>A timer firing. Timers may fire late or twice, so every run must be idempotent.</summary>
public sealed record TimerTick(DateTimeOffset FiredAt, bool IsPastDue);

public interface ITimerHandler
{
    Task RunAsync(TimerTick tick, CancellationToken cancellationToken);
}
