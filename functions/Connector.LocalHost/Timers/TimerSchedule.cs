using Connector.Hosting;
using NCrontab;

namespace Connector.LocalHost.Timers;

/// <summary>
/// A timer's 6-field NCRONTAB schedule (second minute hour day month day-of-week), as the Functions
/// timer trigger reads it: from the app setting the trigger names, else the trigger's default.
/// Occurrences are in UTC, as on Functions' Linux plans without WEBSITE_TIME_ZONE.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule _schedule;

    private TimerSchedule(string expression, string source, CrontabSchedule schedule)
    {
        Expression = expression;
        Source = source;
        _schedule = schedule;
    }

    public string Expression { get; }

    /// <summary>Where the expression came from, for log lines and error messages.</summary>
    public string Source { get; }

    /// <summary>Reads and parses the schedule; a bad expression fails the start, naming the setting.</summary>
    public static TimerSchedule Resolve(TimerTrigger trigger, IConfiguration configuration)
    {
        var configured = configuration[trigger.ScheduleSetting];
        var fromSetting = !string.IsNullOrWhiteSpace(configured);
        var expression = fromSetting ? configured!.Trim() : trigger.DefaultSchedule;
        var source = fromSetting
            ? $"setting {trigger.ScheduleSetting}"
            : $"the default of timer {trigger.FunctionName} (setting {trigger.ScheduleSetting} is not set)";

        try
        {
            return new TimerSchedule(expression, source, CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        }
        catch (CrontabException ex)
        {
            throw new InvalidOperationException(
                $"Timer {trigger.FunctionName}: the schedule '{expression}' from {source} is not a 6-field NCRONTAB expression " +
                $"(second minute hour day month day-of-week, e.g. '0 */15 * * * *'). {ex.Message}",
                ex);
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var from = after.UtcDateTime;
        var end = DateTime.MaxValue;
        var next = _schedule.GetNextOccurrence(from, end);
        return next >= end ? null : new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }
}
