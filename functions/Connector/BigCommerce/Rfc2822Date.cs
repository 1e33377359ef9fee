using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Connector.BigCommerce;

/// <summary>V2's dates ("Tue, 05 Mar 2019 21:40:11 +0000"): parsed to instants so they compare as times, never as text.</summary>
public static class Rfc2822Date
{
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var lastSpace = trimmed.LastIndexOf(' ');
        if (lastSpace > 0 && TryParseOffset(trimmed[(lastSpace + 1)..], out var offset)
            && DateTime.TryParseExact(trimmed[..lastSpace], ["ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, offset);
            return true;
        }

        // ISO-8601 is accepted too: the API takes both in filters.
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not an RFC 2822 date.");

    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000";

    private static bool TryParseOffset(string token, out TimeSpan offset)
    {
        offset = default;
        if (token is "GMT" or "UT" or "Z")
        {
            return true;
        }

        if (token.Length != 5 || (token[0] != '+' && token[0] != '-')
            || !int.TryParse(token.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(token.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return false;
        }

        if (hours > 14 || minutes > 59)
        {
            return false; // no clock is that far from UTC
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (token[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }
}

/// <summary>Reads V2 dates; an empty string (as in <c>date_shipped: ''</c>) reads as null.</summary>
public sealed class Rfc2822DateConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected an RFC 2822 date string, found {reader.TokenType}.");
        }

        var text = reader.GetString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Rfc2822Date.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not an RFC 2822 date.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(Rfc2822Date.Format(value.Value));
        }
    }
}
