using System.Net;
using System.Text;
using Connector.BackOffice;
using Connector.Inventory;
using Connector.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Connector.Tests.BackOffice;

public sealed class BackOfficeInventoryFeedTests
{
    private const string Secret = "feed-signing-secret-0123456789";

    private static BackOfficeClient Client(StubHttpHandler stub) =>
        new(new HttpClient(stub), Options.Create(new BackOfficeOptions { BaseUrl = new Uri("http://bo.test/backoffice/"), SigningSecret = Secret }));

    [Fact]
    public async Task Signs_the_request_target_and_passes_the_cursor()
    {
        var stub = StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.OK, """{"items":[{"sku":"A","quantity":1}],"next_cursor":null}"""));

        var page = await Client(stub).ReadInventoryPageAsync("abc", "bzoy", "corr", CancellationToken.None);

        Assert.Equal([new FeedItem("A", 1, null)], page.Items);
        var sent = Assert.Single(stub.Requests);
        Assert.Equal("/backoffice/inventory?store=abc&limit=500&cursor=bzoy", sent.Uri.PathAndQuery);
        Assert.True(BackOfficeSignature.Verify(Secret, Encoding.UTF8.GetBytes(sent.Uri.PathAndQuery), sent.Header("X-Connector-Signature")));
    }

    [Fact]
    public async Task A_refused_page_is_a_feed_error_and_an_outage_is_transient()
    {
        await Assert.ThrowsAsync<InventoryFeedException>(() =>
            Client(StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.BadRequest, """{"title":"Invalid cursor"}""")))
                .ReadInventoryPageAsync("abc", "x", "corr", CancellationToken.None));
        await Assert.ThrowsAsync<BackOfficeUnavailableException>(() =>
            Client(StubHttpHandler.Always(() => StubHttpHandler.Json(HttpStatusCode.ServiceUnavailable, "{}")))
                .ReadInventoryPageAsync("abc", null, "corr", CancellationToken.None));
        await Assert.ThrowsAsync<InventoryFeedException>(() =>
            Client(StubHttpHandler.Always(() => StubHttpHandler.Text(HttpStatusCode.OK, "<html>")))
                .ReadInventoryPageAsync("abc", null, "corr", CancellationToken.None));
    }
}
