using System.Diagnostics;
using System.Globalization;
using Connector.EndToEndTests.Infrastructure;
using Connector.Telemetry;

namespace Connector.EndToEndTests.Telemetry;

/// <summary>
/// A busy store's callbacks share one queue message (the endpoint's group commit) and one BigCommerce read, yet each order
/// stays one trace from its own callback to the back office: the batch's worker continues each callback's trace.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BatchedWebhookTraceTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Orders_of_a_burst_that_went_through_a_shared_webhook_batch_each_reach_the_back_office_in_their_own_callbacks_trace()
    {
        var (system, capture) = await TelemetryCapture.StartAsync(azurite, webhooks: true);
        await using var _ = system;
        var store = system.StoreHash;

        var ids = await system.Admin.CreateOrdersAsync(store, 8);
        await Eventually.TrueAsync(async () => (await system.Admin.TraceParentsAsync(store)).Select(r => r.OrderId).Distinct().Count() == ids.Count,
            "every order of the burst delivered", Settle);

        var received = (await system.Admin.TraceParentsAsync(store)).Where(r => ids.Contains(r.OrderId)).ToList();
        var batched = 0;
        foreach (var id in ids)
        {
            var order = id.ToString(CultureInfo.InvariantCulture);
            var traceId = received.First(r => r.OrderId == id).TraceParent!.Split('-')[1];
            await Eventually.TrueAsync(() => Task.FromResult(capture.SpansSnapshot().Any(s => s.TraceId.ToHexString() == traceId && s.Kind == ActivityKind.Server)),
                $"order {order}'s callback span exported", Settle);
            var trace = capture.SpansSnapshot().Where(s => s.TraceId.ToHexString() == traceId).ToList();

            // The trace the back office got starts at this order's own callback, whichever way the callback went.
            Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path")?.ToString() == "/api/webhooks/bigcommerce"
                                        && s.GetTagItem(SpanTags.OrderId)?.ToString() == order);
            if (trace.Any(s => s.DisplayName == "webhook callback"))
            {
                batched++;
            }
        }

        Assert.True(batched > 0, "some callbacks of the burst went through a shared webhook batch");
    }
}
