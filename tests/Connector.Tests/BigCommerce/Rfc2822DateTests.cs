using System.Text.Json;
using Connector.BigCommerce;

namespace Connector.Tests.BigCommerce;

public sealed class Rfc2822DateTests
{
    private sealed class Shipment
    {
        public DateTimeOffset? DateShipped { get; init; }
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s) => new(y, mo, d, h, mi, s, TimeSpan.Zero);

    private static DateTimeOffset? ReadDateShipped(string json) =>
        JsonSerializer.Deserialize<Shipment>(json, BigCommerceJson.Options)!.DateShipped;

    [Fact]
    public void Parses_the_date_of_the_specs_order_example()
    {
        Assert.Equal(Utc(2019, 3, 5, 21, 40, 11), Rfc2822Date.Parse("Tue, 05 Mar 2019 21:40:11 +0000"));
    }

    [Fact]
    public void A_date_with_a_negative_offset_is_the_same_instant_as_its_UTC_time()
    {
        var parsed = Rfc2822Date.Parse("Thu, 20 Apr 2017 11:32:00 -0400");

        Assert.Equal(Utc(2017, 4, 20, 15, 32, 0), parsed.UtcDateTime);
        Assert.Equal(0, parsed.CompareTo(Rfc2822Date.Parse("Thu, 20 Apr 2017 15:32:00 +0000")));
    }

    [Fact]
    public void Accepts_a_single_digit_day()
    {
        Assert.Equal(Utc(2019, 3, 5, 21, 40, 11), Rfc2822Date.Parse("Tue, 5 Mar 2019 21:40:11 +0000"));
    }

    [Theory]
    [InlineData("2019-03-05T21:40:11Z")]
    [InlineData("2019-03-05T21:40:11+00:00")]
    [InlineData("2019-03-05T16:40:11-05:00")]
    public void Accepts_ISO_8601(string text)
    {
        Assert.True(Rfc2822Date.TryParse(text, out var value));
        Assert.Equal(Utc(2019, 3, 5, 21, 40, 11), value.UtcDateTime);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("yesterday afternoon")]
    [InlineData("Tue, 05 Mar 2019 21:40:11 +00x0")]
    [InlineData("Tue, 05 Mxx 2019 21:40:11 +0000")]
    public void Rejects_what_is_not_a_date(string? text)
    {
        Assert.False(Rfc2822Date.TryParse(text, out _));
    }

    [Fact]
    public void Parse_names_the_text_it_could_not_read()
    {
        var error = Assert.Throws<FormatException>(() => Rfc2822Date.Parse("not a date"));
        Assert.Contains("not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Formats_in_UTC_with_plus_0000_and_reads_back_the_same_instant()
    {
        var original = Rfc2822Date.Parse("Thu, 20 Apr 2017 11:32:00 -0400");

        var text = Rfc2822Date.Format(original);

        Assert.Equal("Thu, 20 Apr 2017 15:32:00 +0000", text);
        Assert.EndsWith("+0000", text, StringComparison.Ordinal);
        Assert.Equal(original, Rfc2822Date.Parse(text));
    }

    [Fact]
    public void Formats_a_single_digit_day_with_two_digits_as_BigCommerce_does()
    {
        Assert.Equal("Tue, 05 Mar 2019 21:40:11 +0000", Rfc2822Date.Format(Utc(2019, 3, 5, 21, 40, 11)));
    }

    [Fact]
    public void Dates_compare_as_instants_where_their_text_order_is_wrong()
    {
        const string earlierInTime = "Tue, 01 Feb 2022 09:00:00 +0000";
        const string laterInTime = "Mon, 02 Jan 2023 08:00:00 +0000";

        Assert.True(string.CompareOrdinal(earlierInTime, laterInTime) > 0, "as text, the 2022 date sorts after the 2023 one");
        Assert.True(Rfc2822Date.Parse(earlierInTime) < Rfc2822Date.Parse(laterInTime));
    }

    [Fact]
    public void Dates_in_different_offsets_compare_as_instants()
    {
        const string elevenThirtyTwoInNewYork = "Thu, 20 Apr 2017 11:32:00 -0400"; // 15:32 UTC
        const string twoPmInLondon = "Thu, 20 Apr 2017 14:00:00 +0000";

        Assert.True(string.CompareOrdinal(elevenThirtyTwoInNewYork, twoPmInLondon) < 0, "as text, 11:32 sorts before 14:00");
        Assert.True(Rfc2822Date.Parse(elevenThirtyTwoInNewYork) > Rfc2822Date.Parse(twoPmInLondon));
    }

    [Fact]
    public void Converter_reads_an_empty_string_as_no_date()
    {
        Assert.Null(ReadDateShipped("""{"date_shipped":""}"""));
    }

    [Fact]
    public void Converter_reads_null_as_no_date()
    {
        Assert.Null(ReadDateShipped("""{"date_shipped":null}"""));
    }

    [Fact]
    public void Converter_reads_an_RFC_2822_string_as_its_instant()
    {
        Assert.Equal(Utc(2017, 4, 20, 15, 32, 0), ReadDateShipped("""{"date_shipped":"Thu, 20 Apr 2017 11:32:00 -0400"}"""));
    }

    [Fact]
    public void Converter_refuses_a_number()
    {
        Assert.Throws<JsonException>(() => ReadDateShipped("""{"date_shipped":1551821611}"""));
    }

    [Fact]
    public void Converter_refuses_text_that_is_not_a_date_and_names_it()
    {
        var error = Assert.Throws<JsonException>(() => ReadDateShipped("""{"date_shipped":"soon-ish"}"""));
        Assert.Contains("soon-ish", error.Message, StringComparison.Ordinal);
    }

    private const string OffsetBug =
        "bug: Rfc2822Date.TryParse (BigCommerce/Rfc2822Date.cs:24) builds new DateTimeOffset(local, offset) from any two-digit "
        + "hours, so '+2500' throws ArgumentOutOfRangeException instead of returning false; the converter and the orders client "
        + "then surface that instead of JsonException/BigCommerceResponseException.";

    [Fact]
    public void TryParse_says_no_to_an_offset_no_clock_has()
    {
        Assert.False(Rfc2822Date.TryParse("Tue, 05 Mar 2019 21:40:11 +2500", out _));
    }

    [Fact]
    public void Converter_refuses_an_offset_no_clock_has_as_bad_JSON()
    {
        // +2500 is well-formed digits but no real offset: a malformed response, not a crash of another kind.
        Assert.Throws<JsonException>(() => ReadDateShipped("""{"date_shipped":"Tue, 05 Mar 2019 21:40:11 +2500"}"""));
    }

    [Fact]
    public void Converter_writes_RFC_2822_in_UTC()
    {
        var json = JsonSerializer.Serialize(new Shipment { DateShipped = Rfc2822Date.Parse("Thu, 20 Apr 2017 11:32:00 -0400") }, BigCommerceJson.Options);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal("Thu, 20 Apr 2017 15:32:00 +0000", doc.RootElement.GetProperty("date_shipped").GetString());
    }
}
