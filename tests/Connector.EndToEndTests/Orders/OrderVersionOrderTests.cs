using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.EndToEndTests.Orders;

/// <summary>
/// Two versions of one order in flight at once: the back office never gets the older after the newer. The race is made
/// deterministic by holding the older version's worker at one HTTP call (a handler in the connector's own HttpClient,
/// the real call going on to the sandbox once released) while the newer one is changed in the store and queued.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrderVersionOrderTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_newer_version_waits_while_an_older_one_is_being_posted_and_arrives_after_it()
    {
        var gate = new Gate(request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/orders", StringComparison.Ordinal));
        var logs = new CapturedLogs();
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "8", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
            Configure = b =>
            {
                b.Logging.AddProvider(logs);
                b.Services.AddHttpClient<BackOfficeClient>().AddHttpMessageHandler(() => new GateHandler(gate));
            },
        });
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();

        await QueueAsync(system, id, "older");
        await gate.Held.WaitAsync(Settle); // version 1's POST is under way, held before it reaches the back office
        await system.Admin.ModifyOrderAsync(system.StoreHash, id, customerMessage: "changed while version 1 was being sent");
        var newest = await VersionInStoreAsync(system, id);
        await QueueAsync(system, id, "newer");
        // Either the newer version overtakes the older one (what must not happen), or its worker saw the older one being sent.
        await Eventually.TrueAsync(async () => await HasVersionAsync(system, id, newest)
                || logs.Lines.Any(l => l.Contains("an older version is being sent", StringComparison.Ordinal)),
            "the newer version's worker got to the order", Settle);
        gate.Release();

        await Eventually.TrueAsync(() => HasVersionAsync(system, id, newest), "the newest version delivered", Settle);
        await AssertNeverOlderAfterNewerAsync(system, id, newest);
    }

    [Fact]
    public async Task An_older_version_overtaken_before_its_post_is_not_sent_and_is_recorded_superseded()
    {
        // More than the 50 line items V2 embeds: the worker reads /products before sending, and is held there.
        var gate = new Gate(request => request.RequestUri!.AbsolutePath.EndsWith("/products", StringComparison.Ordinal));
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "8", ["Connector:QueueRetry:FirstDelay"] = "00:00:01" },
            Configure = b => b.Services.AddHttpClient<BigCommerceOrdersClient>().AddHttpMessageHandler(() => new GateHandler(gate)),
        });
        var id = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1, lineItems: 60)).Single();
        var older = await VersionInStoreAsync(system, id);

        await QueueAsync(system, id, "older");
        await gate.Held.WaitAsync(Settle); // version 1 claimed and being read, not yet sent
        await system.Admin.ModifyOrderAsync(system.StoreHash, id, customerMessage: "changed while version 1 was being read");
        var newest = await VersionInStoreAsync(system, id);
        await QueueAsync(system, id, "newer");
        await Eventually.TrueAsync(() => HasVersionAsync(system, id, newest), "the newer version delivered", Settle);
        gate.Release();

        await Eventually.TrueAsync(async () => (await system.LedgerAsync(id))?.SupersededModifiedAt is not null
                || (await system.Admin.DeliveriesAsync(system.StoreHash)).Deliveries.Any(d => d.OrderId == id && d.ModifiedAt == older),
            "the older version's worker finished", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1)); // a late POST of the older version would show now
        await AssertNeverOlderAfterNewerAsync(system, id, newest);
        Assert.DoesNotContain((await system.Admin.DeliveriesAsync(system.StoreHash)).Deliveries, d => d.OrderId == id && d.ModifiedAt == older);
        Assert.Equal(older, (await system.LedgerAsync(id))!.SupersededModifiedAt);
        Assert.Equal(OrderLedgerStatus.Delivered, (await system.LedgerAsync(id))!.Status);
    }

    private static Task QueueAsync(ConnectorSystem system, long id, string correlationId) =>
        system.Service<WorkQueue>().SendAsync(QueueNames.Orders, new OrderMessage(system.StoreHash, id, null, OrderSources.Webhook, correlationId), CancellationToken.None);

    private static async Task<DateTimeOffset> VersionInStoreAsync(ConnectorSystem system, long id) =>
        DateTimeOffset.Parse((await system.Admin.GetOrderAsync(system.StoreHash, id))["order"]!["date_modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> HasVersionAsync(ConnectorSystem system, long id, DateTimeOffset version) =>
        (await system.Admin.DeliveriesAsync(system.StoreHash)).Deliveries.Any(d => d.OrderId == id && d.ModifiedAt == version);

    /// <summary>By arrival at the back office, the versions only go forward, and the last is the newest.</summary>
    private static async Task AssertNeverOlderAfterNewerAsync(ConnectorSystem system, long id, DateTimeOffset newest)
    {
        var arrivals = (await system.Admin.DeliveriesAsync(system.StoreHash)).Deliveries
            .Where(d => d.OrderId == id).OrderBy(d => d.FirstReceivedAt).Select(d => d.ModifiedAt).ToList();
        Assert.Equal(arrivals.Order().ToList(), arrivals);
        Assert.Equal(newest, arrivals[^1]);
        Assert.All((await system.Admin.DeliveriesAsync(system.StoreHash)).Deliveries.Where(d => d.OrderId == id), d => Assert.Equal(1, d.Attempts));
    }

    /// <summary>Holds the first request that matches until released; every other request goes straight on.</summary>
    private sealed class Gate(Func<HttpRequestMessage, bool> matches)
    {
        private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int taken;

        public Task Held => held.Task;

        public void Release() => released.TrySetResult();

        public async Task PassAsync(HttpRequestMessage request)
        {
            if (matches(request) && Interlocked.Exchange(ref taken, 1) == 0)
            {
                held.TrySetResult();
                await released.Task;
            }
        }
    }

    private sealed class GateHandler(Gate gate) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await gate.PassAsync(request);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
