using System.Globalization;
using System.Text.RegularExpressions;

namespace Sandbox.BigCommerce;

/// <summary>
/// V2 writes dates as RFC 2822 in UTC at second resolution (<c>Tue, 05 Mar 2019 21:40:11 +0000</c>)
/// and accepts RFC 2822 or ISO-8601 in filters.
/// </summary>
public static partial class BigCommerceDates
{
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    /// <summary>
    /// Strict on purpose: a '+' sent unencoded in a query string arrives as a space, and the
    /// resulting "11:32:00  0400" must fail loudly rather than be read as some other instant.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var rfc = Rfc2822().Match(text);
        if (rfc.Success)
        {
            return TryFromRfc2822(rfc, out value);
        }

        if (Iso8601().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
        }

        return false;
    }

    private static bool TryFromRfc2822(Match m, out DateTimeOffset value)
    {
        value = default;
        var month = Array.FindIndex(Months, x => string.Equals(x, m.Groups["mon"].Value, StringComparison.OrdinalIgnoreCase)) + 1;
        if (month == 0)
        {
            return false;
        }

        var zone = m.Groups["zone"].Value;
        TimeSpan offset;
        if (zone is "GMT" or "UT" or "UTC" or "Z")
        {
            offset = TimeSpan.Zero;
        }
        else
        {
            var sign = zone[0] == '-' ? -1 : 1;
            var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(3, 2), CultureInfo.InvariantCulture);
            offset = sign * new TimeSpan(hours, minutes, 0);
        }

        try
        {
            value = new DateTimeOffset(
                int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture),
                month,
                int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture),
                m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0,
                offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false; // 31 Feb, 25:00 and the like
        }
    }

    [GeneratedRegex(@"^(?:[A-Za-z]{3}, ?)?(?<day>\d{1,2}) (?<mon>[A-Za-z]{3}) (?<year>\d{4}) (?<h>\d{2}):(?<m>\d{2})(?::(?<s>\d{2}))? (?<zone>[+-]\d{4}|GMT|UTC?|Z)$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc2822();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601();
}
