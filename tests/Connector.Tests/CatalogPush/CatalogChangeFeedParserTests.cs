using Connector.CatalogPush;

namespace Connector.Tests.CatalogPush;

public sealed class CatalogChangeFeedParserTests
{
    [Fact]
    public void A_page_gives_its_changes_cursor_and_more_flag()
    {
        var page = CatalogChangeFeedParser.Parse("""
            {"records": [{"sku": "A-1", "changed_at": "2026-01-01T12:00:00.5Z", "price": 12.5, "name": "A", "is_visible": false, "availability": "preorder"}],
             "next_cursor": "c2", "has_more": true}
            """);

        var change = Assert.Single(page.Changes);
        Assert.Equal("A-1", change.Sku);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 0, 0, 500, TimeSpan.Zero), change.ChangedAt);
        Assert.Equal(12.5m, change.Price);
        Assert.Equal("A", change.Name);
        Assert.False(change.IsVisible);
        Assert.Equal("preorder", change.Availability);
        Assert.Null(change.Weight);
        Assert.Equal("c2", page.NextCursor);
        Assert.True(page.HasMore);
        Assert.Empty(page.Refused);
    }

    [Theory]
    [InlineData("""{"sku": "A", "changed_at": "2026-01-01T00:00:00Z", "price": "12abc"}""", "price \"12abc\" is not a number")]
    [InlineData("""{"sku": "A", "changed_at": "2026-01-01T00:00:00Z", "weight": -0.5}""", "weight -0.5 is negative")]
    [InlineData("""{"sku": "A", "changed_at": "2026-01-01T00:00:00Z", "sale_price": -1}""", "sale_price -1 is below zero")]
    [InlineData("""{"sku": "A", "changed_at": "2026-01-01T00:00:00Z", "availability": "soon"}""", "availability 'soon' is not one of")]
    [InlineData("""{"sku": "A", "changed_at": "2026-01-01T00:00:00Z", "name": 5}""", "name is not a string")]
    [InlineData("""{"sku": "A", "price": 1}""", "no change time")]
    [InlineData("""{"price": 1, "changed_at": "2026-01-01T00:00:00Z"}""", "no SKU")]
    public void A_record_that_cannot_be_used_is_refused_with_its_reason_and_the_rest_goes_on(string bad, string reason)
    {
        var page = CatalogChangeFeedParser.Parse($$"""{"records": [{{bad}}, {"sku": "B", "changed_at": "2026-01-01T00:00:00Z", "price": 1}], "next_cursor": "c"}""");

        Assert.Contains(reason, Assert.Single(page.Refused).Reason, StringComparison.Ordinal);
        Assert.Equal("B", Assert.Single(page.Changes).Sku);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"next_cursor": "c"}""")]
    [InlineData("""{"records": []}""")]
    public void A_page_that_is_not_the_documented_shape_is_refused_whole(string body) =>
        Assert.Throws<CatalogChangeFeedException>(() => CatalogChangeFeedParser.Parse(body));

    [Fact]
    public void Values_round_trip_through_the_ledgers_text_form()
    {
        var change = new CatalogChange("A", DateTimeOffset.UnixEpoch, Price: 1.5m, SalePrice: 1m, CostPrice: 0.25m, Name: "N", Description: "D", Weight: 2m,
            IsVisible: true, Availability: "disabled");

        Assert.Equal(change, CatalogChange.FromValues("A", DateTimeOffset.UnixEpoch, change.Values()));
    }
}
