using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Sandbox.SandboxInventoryApi;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>The back office's signed inventory feed over real HTTP: cursor paging, a forced page size, and each corruption mode.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxInventoryFeedTests
{
    [Fact]
    public async Task The_feed_is_walked_page_by_page_with_the_cursor_at_the_forced_page_size()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        await SetFeedAsync(http, 5);
        using (var settings = await http.PutAsJsonAsync("backoffice/_admin/inventory/settings", new { pageSize = 2 }))
        {
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        }

        var skus = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ReadFeedAsync(http, sandbox, cursor, limit: 100);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            var items = page.Body!["items"]!.AsArray();
            Assert.InRange(items.Count, 1, 2);
            skus.AddRange(items.Select(i => i!["sku"]!.GetValue<string>()));
            Assert.Equal("main", items[0]!["location"]!.GetValue<string>());
            cursor = page.Body!["next_cursor"]?.GetValue<string>();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["FEED-1", "FEED-2", "FEED-3", "FEED-4", "FEED-5"], skus);
    }

    [Fact]
    public async Task A_failing_page_answers_500_as_many_times_as_asked_then_recovers()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        await SetFeedAsync(http, 4);
        await SetCorruptionAsync(http, new { kind = "fail-page", page = 2, times = 1 });

        var first = await ReadFeedAsync(http, sandbox, limit: 2);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var cursor = first.Body!["next_cursor"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.InternalServerError, (await ReadFeedAsync(http, sandbox, cursor, limit: 2)).Status);
        var retried = await ReadFeedAsync(http, sandbox, cursor, limit: 2);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal("FEED-3", retried.Body!["items"]![0]!["sku"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("malformed-page")]
    [InlineData("negative")]
    [InlineData("non-numeric")]
    [InlineData("duplicate-sku")]
    public async Task A_corrupted_page_is_served_as_asked(string kind)
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        await SetFeedAsync(http, 3);
        await SetCorruptionAsync(http, new { kind });

        var page = await ReadFeedAsync(http, sandbox);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        if (kind == "malformed-page")
        {
            Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(page.Text));
            return;
        }
        var items = page.Body!["items"]!.AsArray();
        var first = items[0]!["quantity"]!;
        switch (kind)
        {
            case "negative":
                Assert.True(first.GetValue<int>() < 0);
                break;
            case "non-numeric":
                Assert.Equal(JsonValueKind.String, first.GetValueKind());
                break;
            default:
                Assert.Equal(4, items.Count);
                Assert.Equal(items[0]!["sku"]!.GetValue<string>(), items[1]!["sku"]!.GetValue<string>());
                Assert.NotEqual(items[0]!["quantity"]!.GetValue<int>(), items[1]!["quantity"]!.GetValue<int>());
                break;
        }

        using (var cleared = await http.DeleteAsync(new Uri("backoffice/_admin/inventory/corruption", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        }
        var clean = await ReadFeedAsync(http, sandbox);
        Assert.Equal(3, clean.Body!["items"]!.AsArray().Count);
        Assert.True(clean.Body!["items"]![0]!["quantity"]!.GetValue<int>() >= 0);
    }

    private static async Task SetFeedAsync(HttpClient http, int count)
    {
        using var response = await http.PutAsJsonAsync("backoffice/_admin/inventory", new
        {
            storeHash = Hash,
            items = Enumerable.Range(1, count).Select(n => new { sku = $"FEED-{n}", quantity = n * 10, location = "main" }),
        });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task SetCorruptionAsync(HttpClient http, object body)
    {
        using var response = await http.PutAsJsonAsync("backoffice/_admin/inventory/corruption", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
