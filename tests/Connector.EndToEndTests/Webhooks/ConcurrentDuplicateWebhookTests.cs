using System.Net;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>
/// BigCommerce may deliver one event several times at once (same <c>webhook-id</c>): each copy is queued (copies arriving
/// together in one message), and only the one that claims the webhook's receipt behind the queue may cost a BigCommerce call.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ConcurrentDuplicateWebhookTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Fifty_copies_of_one_webhook_at_once_cost_one_BigCommerce_read()
    {
        // The sandbox sends no webhooks of its own here: the fifty copies below are the only ones.
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id) is not null, "the order delivered",
            TimeSpan.FromSeconds(60));
        await system.Admin.ModifyOrderAsync(system.StoreHash, id, statusId: 2);
        await Task.Delay(TimeSpan.FromSeconds(1));
        await system.Admin.ResetStatsAsync();

        var sender = system.WebhookSender;
        var body = WebhookSender.OrderPayload(system.StoreHash, id, "store/order/statusUpdated");
        const string webhookId = "msg_concurrent_duplicate";
        using var start = new SemaphoreSlim(0);
        var copies = Enumerable.Range(0, 50).Select(async _ =>
        {
            using var request = sender.Build(body, system.StoreHash, webhookId);
            await start.WaitAsync();
            using var response = await system.Connector.Http.SendAsync(request);
            return response.StatusCode;
        }).ToList();
        start.Release(50);
        var answers = await Task.WhenAll(copies);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(id)!.Versions == 2,
            "the new version delivered", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stats = await system.Admin.StoreStatsAsync(system.StoreHash);
        Assert.Equal(1, stats["byEndpoint"]!["GET /orders/{id}"]!.GetValue<int>());
        Assert.Equal(0, (await system.Service<Storage.ConnectorStorage>().Queue(QueueNames.Webhooks).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(0, (await system.Service<Storage.ConnectorStorage>().Queue(QueueNames.Orders).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }
}
