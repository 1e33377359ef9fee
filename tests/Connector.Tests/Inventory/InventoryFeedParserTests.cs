using Connector.Inventory;

namespace Connector.Tests.Inventory;

public sealed class InventoryFeedParserTests
{
    [Fact]
    public void Reads_items_and_the_next_cursor()
    {
        var page = InventoryFeedParser.Parse("""{"items":[{"sku":"MUG","quantity":12,"location":"main"},{"sku":"POSTER","quantity":0}],"next_cursor":"bzoy"}""");

        Assert.Equal([new FeedItem("MUG", 12, "main"), new FeedItem("POSTER", 0, null)], page.Items);
        Assert.Equal("bzoy", page.NextCursor);
        Assert.Empty(page.Rejected);
    }

    [Fact]
    public void A_null_cursor_ends_the_feed()
    {
        Assert.Null(InventoryFeedParser.Parse("""{"items":[],"next_cursor":null}""").NextCursor);
        Assert.Null(InventoryFeedParser.Parse("""{"items":[]}""").NextCursor);
    }

    [Theory]
    [InlineData("""{"sku":"A","quantity":-1}""", "negative")]
    [InlineData("""{"sku":"A","quantity":"12"}""", "not a whole number")]
    [InlineData("""{"sku":"A","quantity":1.5}""", "not a whole number")]
    [InlineData("""{"sku":"A"}""", "not a whole number")]
    [InlineData("""{"sku":"A","quantity":99999999999}""", "not a whole number")]
    [InlineData("""{"quantity":3}""", "no SKU")]
    [InlineData("""{"sku":"  ","quantity":3}""", "no SKU")]
    [InlineData("""{"sku":"A","quantity":3,"location":7}""", "location")]
    [InlineData("""42""", "not an object")]
    public void Rejects_a_bad_item_on_its_own_and_keeps_the_rest(string bad, string reason)
    {
        var page = InventoryFeedParser.Parse($$"""{"items":[{{bad}},{"sku":"OK","quantity":5}],"next_cursor":null}""");

        Assert.Equal([new FeedItem("OK", 5, null)], page.Items);
        Assert.Contains(reason, Assert.Single(page.Rejected));
    }

    [Theory]
    [InlineData("<html>oops</html>")]
    [InlineData("""{"items":"nope"}""")]
    [InlineData("""{"data":[]}""")]
    [InlineData("""[]""")]
    [InlineData("""{"items":[],"next_cursor":5}""")]
    public void Refuses_a_malformed_page_as_a_whole(string body)
    {
        Assert.Throws<InventoryFeedException>(() => InventoryFeedParser.Parse(body));
    }
}
