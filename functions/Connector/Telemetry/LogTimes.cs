using System.Globalization;

namespace Connector.Telemetry;

/// <summary>
/// Times for log messages, as ISO 8601 strings: a DateTimeOffset argument would be rendered by the logger's formatter
/// (not ISO 8601) and exported as an attribute each exporter renders its own way; the string reads the same everywhere.
/// </summary>
public static class LogTimes
{
    public static string Iso(this DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static string? Iso(this DateTimeOffset? value) => value?.Iso();
}
