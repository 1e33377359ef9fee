namespace Connector.EndToEndTests.Infrastructure;

/// <summary>
/// A clock that only moves when told, for the timer scheduler. Unlike FakeTimeProvider, which
/// wakes each timer at its own due time, <see cref="AdvanceTo"/> sets the time first and then
/// fires what is due, so a late firing (the host asleep, a clock jump) can be staged exactly.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>When the timers waiting now are due.</summary>
    public IReadOnlyList<DateTimeOffset> PendingDueTimes
    {
        get
        {
            lock (_gate)
            {
                return _timers.Select(t => t.DueAt).ToList();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Waits (in real time) until something waits for exactly <paramref name="due"/>.</summary>
    public Task WaitForTimerDueAtAsync(DateTimeOffset due) =>
        Eventually.TrueAsync(() => PendingDueTimes.Contains(due), $"a timer due at {due:O} (pending: {string.Join(", ", PendingDueTimes.Select(d => d.ToString("O")))})");

    /// <summary>Sets the time, then fires every timer due by then, on this thread.</summary>
    public void AdvanceTo(DateTimeOffset now)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            if (now < _now)
            {
                throw new ArgumentOutOfRangeException(nameof(now), "The clock does not go back.");
            }

            _now = now;
            due = _timers.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).ToList();
            foreach (var timer in due)
            {
                timer.Rearm(now);
            }
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                _period = period;
                if (dueTime != Timeout.InfiniteTimeSpan)
                {
                    DueAt = clock._now + dueTime;
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        /// <summary>Called under the clock's lock: a periodic timer stays, a one-shot goes.</summary>
        public void Rearm(DateTimeOffset now)
        {
            clock._timers.Remove(this);
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                DueAt = now + _period;
                clock._timers.Add(this);
            }
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
