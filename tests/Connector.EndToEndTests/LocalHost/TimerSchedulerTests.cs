using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.EndToEndTests.LocalHost;

/// <summary>The timer scheduler: 6-field NCRONTAB from settings, IsPastDue, no overlap, RunOnStartup.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TimerSchedulerTests(AzuriteFixture azurite)
{
    private const string ScheduleSetting = "TestTimerSchedule";
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Fires_every_second_on_the_real_clock()
    {
        var probe = new TimerProbe();
        await using var host = await StartAsync(probe, "* * * * * *");

        await Eventually.TrueAsync(() => probe.Ticks.Count >= 2, "two firings", TimeSpan.FromSeconds(30));

        // Only what a busy machine cannot break: firings never come early. Lateness (past due) is the manual-clock test's.
        var ticks = probe.Ticks;
        Assert.True(ticks[1].FiredAt - ticks[0].FiredAt >= TimeSpan.FromMilliseconds(900), "firings follow the one-second schedule");
    }

    [Fact]
    public async Task Fires_on_the_schedule_from_the_setting_and_flags_a_late_firing_as_past_due()
    {
        var probe = new TimerProbe();
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(probe, "0 */5 * * * *", clock);

        await clock.WaitForTimerDueAtAsync(Start.AddMinutes(5));
        clock.AdvanceTo(Start.AddMinutes(5));
        await Eventually.TrueAsync(() => probe.Ticks.Count == 1, "the 10:05 firing");

        // The host "sleeps" through 10:10 and wakes at 10:17.
        await clock.WaitForTimerDueAtAsync(Start.AddMinutes(10));
        clock.AdvanceTo(Start.AddMinutes(17));
        await Eventually.TrueAsync(() => probe.Ticks.Count == 2, "the late firing");

        // The missed occurrence is not replayed: next is 10:20.
        await clock.WaitForTimerDueAtAsync(Start.AddMinutes(20));
        clock.AdvanceTo(Start.AddMinutes(20));
        await Eventually.TrueAsync(() => probe.Ticks.Count == 3, "the 10:20 firing");

        Assert.Equal(
            [new TimerTick(Start.AddMinutes(5), false), new TimerTick(Start.AddMinutes(17), true), new TimerTick(Start.AddMinutes(20), false)],
            probe.Ticks);
    }

    [Fact]
    public async Task Without_the_setting_the_default_schedule_applies()
    {
        var probe = new TimerProbe();
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(probe, schedule: null, clock, defaultSchedule: "30 0 * * * *");

        await clock.WaitForTimerDueAtAsync(Start.AddSeconds(30));
        clock.AdvanceTo(Start.AddSeconds(30));
        await Eventually.TrueAsync(() => probe.Ticks.Count == 1, "the default schedule's firing");
        await clock.WaitForTimerDueAtAsync(Start.AddHours(1).AddSeconds(30));
    }

    [Fact]
    public async Task Runs_once_at_start_when_RunTimersOnStartup_is_set()
    {
        var probe = new TimerProbe();
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(probe, "0 0 0 1 1 *", clock, settings: new() { ["LocalHost:RunTimersOnStartup"] = "true" });

        await Eventually.TrueAsync(() => probe.Ticks.Count == 1, "the start-up firing");
        Assert.Equal(new TimerTick(Start, false), probe.Ticks[0]);
        // Then back to the schedule (next New Year, waited for in one-hour slices).
        await clock.WaitForTimerDueAtAsync(Start.AddHours(1));
        Assert.Single(probe.Ticks);
    }

    [Fact]
    public async Task Does_not_run_at_start_by_default()
    {
        var probe = new TimerProbe();
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(probe, "0 */5 * * * *", clock);

        await clock.WaitForTimerDueAtAsync(Start.AddMinutes(5));
        Assert.Empty(probe.Ticks);
    }

    [Fact]
    public async Task A_run_that_throws_is_logged_and_the_schedule_continues()
    {
        var probe = new TimerProbe { Behavior = (_, _) => throw new InvalidOperationException("poll failed") };
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(probe, "0 * * * * *", clock);

        for (var minute = 1; minute <= 3; minute++)
        {
            await clock.WaitForTimerDueAtAsync(Start.AddMinutes(minute));
            clock.AdvanceTo(Start.AddMinutes(minute));
            var expected = minute;
            await Eventually.TrueAsync(() => probe.Ticks.Count == expected, $"firing {minute}");
        }
    }

    [Fact]
    public async Task Runs_of_one_timer_never_overlap()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new TimerProbe { Behavior = (_, ct) => release.Task.WaitAsync(ct) };
        var clock = new ManualClock(Start);
        await using var host = await StartAsync(probe, "* * * * * *", clock);

        await clock.WaitForTimerDueAtAsync(Start.AddSeconds(1));
        clock.AdvanceTo(Start.AddSeconds(1));
        await Eventually.TrueAsync(() => probe.Ticks.Count == 1, "the first run to start");

        // While it runs, many occurrences pass; nothing is waiting to fire them.
        clock.AdvanceTo(Start.AddSeconds(10));
        Assert.Empty(clock.PendingDueTimes);
        Assert.Single(probe.Ticks);

        release.SetResult();
        // The next occurrence is the first after the run ended, not the ones it overran.
        await clock.WaitForTimerDueAtAsync(Start.AddSeconds(11));
        clock.AdvanceTo(Start.AddSeconds(11));
        await Eventually.TrueAsync(() => probe.Ticks.Count == 2, "the next run");
        Assert.Equal(1, probe.MaxConcurrent);
    }

    [Theory]
    [InlineData("every five minutes")]
    [InlineData("*/5 * * * *")] // 5 fields: Functions needs the seconds field too
    [InlineData("0 0 25 * * *")] // no hour 25
    public async Task An_invalid_schedule_fails_the_start_naming_the_setting(string schedule)
    {
        var app = InProcessLocalHost.Build(
            azurite,
            new LocalHostTriggers([], [new TimerTrigger("TestTimer", ScheduleSetting, "0 */5 * * * *", typeof(ProbeTimerHandler))]),
            new Dictionary<string, string> { [ScheduleSetting] = schedule },
            builder => builder.Services.AddSingleton(new TimerProbe()));
        await using var _ = app;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());
        Assert.Contains(ScheduleSetting, error.Message, StringComparison.Ordinal);
        Assert.Contains(schedule, error.Message, StringComparison.Ordinal);
    }

    private Task<InProcessLocalHost> StartAsync(
        TimerProbe probe,
        string? schedule,
        TimeProvider? clock = null,
        string defaultSchedule = "0 0 0 1 1 *",
        Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        if (schedule is not null)
        {
            settings[ScheduleSetting] = schedule;
        }

        return InProcessLocalHost.StartAsync(
            azurite,
            new LocalHostTriggers([], [new TimerTrigger("TestTimer", ScheduleSetting, defaultSchedule, typeof(ProbeTimerHandler))]),
            settings,
            builder =>
            {
                builder.Services.AddSingleton(probe);
                if (clock is not null)
                {
                    builder.Services.AddSingleton(clock);
                }
            });
    }
}
