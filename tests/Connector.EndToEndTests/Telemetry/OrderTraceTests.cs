using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;
using Connector.Telemetry;
using Span = System.Diagnostics.Activity;

namespace Connector.EndToEndTests.Telemetry;

/// <summary>
/// What an operator sees in Application Insights, caught with the in-memory exporters over Azurite and the sandbox: one
/// trace per order from the webhook to the back office (which gets the trace in <c>traceparent</c>), the metrics per store,
/// and nothing exported that carries a token, a secret or a customer's data.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrderTraceTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_order_created_in_the_store_is_one_trace_from_the_webhook_request_to_the_back_office_post_and_nothing_exported_carries_a_secret()
    {
        var (system, capture) = await TelemetryCapture.StartAsync(azurite, webhooks: true);
        await using var _ = system;
        var store = system.StoreHash;

        var id = (await system.Admin.CreateOrdersAsync(store, 1)).Single();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(store)).Order(id) is not null, "the order delivered by its webhook", Settle);

        // The back office got the trace with the POST: the trace id, and the POST's own span as the parent.
        var received = Assert.Single(await system.Admin.TraceParentsAsync(store), r => r.OrderId == id);
        Assert.NotNull(received.TraceParent);
        var parts = received.TraceParent!.Split('-');
        var (traceId, postSpanId) = (parts[1], parts[2]);

        await Eventually.TrueAsync(() => Task.FromResult(capture.SpansSnapshot().Any(s => s.SpanId.ToHexString() == postSpanId)), "the POST's span exported", Settle);
        await Eventually.TrueAsync(() => Task.FromResult(Trace(capture, traceId).Any(s => s.DisplayName == "orders process")), "the queue hop's span exported", Settle);
        var trace = Trace(capture, traceId);
        var order = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server && Path(s) == "/api/webhooks/bigcommerce" && HasTag(s, SpanTags.OrderId, order));
        Assert.Equal("POST /api/webhooks/bigcommerce", request.DisplayName);
        Assert.Equal(200, request.GetTagItem("http.response.status_code"));
        // Every request span exported is LocalHost's own, described by it; none of the sandbox's sharing the process.
        Assert.All(capture.SpansSnapshot().Where(s => s.Kind == ActivityKind.Server), s => Assert.StartsWith("/api/", Path(s)));
        var send = Assert.Single(trace, s => s.DisplayName == "orders send" && s.Kind == ActivityKind.Producer);
        Assert.Equal(request.SpanId, send.ParentSpanId);
        var process = Assert.Single(trace, s => s.DisplayName == "orders process" && s.Kind == ActivityKind.Consumer);
        Assert.Equal(send.SpanId, process.ParentSpanId);
        Assert.True(HasTag(process, SpanTags.StoreHash, store) && HasTag(process, SpanTags.OrderId, order), "the queue hop names the store and the order");
        var read = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.StartsWith("GET", StringComparison.Ordinal)
                                             && Url(s).Contains($"/stores/{store}/v2/orders/{order}", StringComparison.Ordinal));
        var post = Assert.Single(trace, s => s.Kind == ActivityKind.Client && s.DisplayName.StartsWith("POST", StringComparison.Ordinal)
                                             && Url(s).EndsWith("/backoffice/orders", StringComparison.Ordinal));
        Assert.Equal(postSpanId, post.SpanId.ToHexString());
        Assert.All([read, post], dependency =>
        {
            Assert.True(IsUnder(dependency, process, trace), $"{dependency.DisplayName} is part of the queue hop");
            Assert.True(HasTag(dependency, SpanTags.StoreHash, store) && HasTag(dependency, SpanTags.OrderId, order), $"{dependency.DisplayName} names the store and the order");
        });
        // Storage is a dependency too (the Azure SDK's own spans), found by the order like the HTTP calls.
        Assert.Contains(trace, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && HasTag(s, SpanTags.OrderId, order));

        await AssertNothingExportedCarriesASecretAsync(system, capture, id);
    }

    [Fact]
    public async Task An_order_whose_trace_is_not_sampled_is_delivered_and_counted_and_costs_no_span()
    {
        // A rate of none: every trace is past the rate, as a burst's are past the default's 5 a second.
        var (system, capture) = await TelemetryCapture.StartAsync(azurite, webhooks: true, new Dictionary<string, string> { [TraceSampling.TracesPerSecondSetting] = "0" });
        await using var _ = system;
        var store = system.StoreHash;

        var id = (await system.Admin.CreateOrdersAsync(store, 1)).Single();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(store)).Order(id) is not null, "the order delivered by its webhook", Settle);
        await Eventually.TrueAsync(() => Task.FromResult(capture.Sum(ConnectorMetrics.OrdersDelivered, store) == 1), "the delivery counted", Settle);

        var order = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(capture.SpansSnapshot(), s => HasTag(s, SpanTags.OrderId, order) || Path(s) == "/api/webhooks/bigcommerce");
        // The back office is told the trace was not recorded, so it need not record its part either.
        var received = Assert.Single(await system.Admin.TraceParentsAsync(store), r => r.OrderId == id);
        Assert.True(received.TraceParent is null || received.TraceParent.EndsWith("-00", StringComparison.Ordinal), received.TraceParent);
    }

    [Fact]
    public async Task After_one_rejection_and_one_retry_the_metrics_count_them_per_store()
    {
        var (system, capture) = await TelemetryCapture.StartAsync(azurite, webhooks: false);
        await using var _ = system;
        var store = system.StoreHash;

        // One order the back office refuses for good.
        var refused = (await system.Admin.CreateOrdersAsync(store, 1)).Single();
        await system.Admin.RejectOrdersAsync(store, [refused], 422, "Refused by the test");
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(refused))?.Status == OrderLedgerStatus.Rejected, "the first order rejected", Settle);

        // One the back office fails once (the POST and both quick retries), then takes on the queue's next attempt.
        var retried = (await system.Admin.CreateOrdersAsync(store, 1)).Single();
        await system.Admin.SetFaultsAsync("backoffice", new { errorRate = 1.0, maxFaults = 1 + Connector.BackOffice.BackOfficeOptions.QuickRetries });
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(store)).Order(retried) is not null, "the second order delivered", Settle);
        await Eventually.TrueAsync(() => Task.FromResult(capture.Sum(ConnectorMetrics.OrdersDelivered, store) == 1), "the delivery counted", Settle);

        Assert.Equal(1, capture.Sum(ConnectorMetrics.OrdersDelivered, store));
        Assert.Equal(1, capture.Sum(ConnectorMetrics.OrdersRejected, store));
        Assert.Equal(1, capture.Sum(ConnectorMetrics.OrdersRetried, store));
        var latency = Assert.Single(capture.Points(ConnectorMetrics.OrderLatency), p => TelemetryCapture.Tag(p, ConnectorMetrics.StoreTag) == store);
        Assert.Equal(1, latency.GetHistogramCount());
        Assert.True(latency.GetHistogramSum() > 0, "the latency runs from the order's date_modified to the back office's answer");
        // Every BigCommerce answer reports the quota left; the sandbox's is far from spent, and nothing was throttled.
        var quota = Assert.Single(capture.Points(ConnectorMetrics.QuotaLeft), p => TelemetryCapture.Tag(p, ConnectorMetrics.StoreTag) == store);
        Assert.True(quota.GetGaugeLastValueLong() > 0);
        Assert.Equal(0, capture.Sum(ConnectorMetrics.Throttled, store));

        // The queues' gauges are read from storage in the background, and say what /api/health says (this Azurite is shared
        // with earlier tests, whose poison may still be there).
        await Eventually.TrueAsync(async () =>
        {
            var queues = (await system.Connector.Http.GetFromJsonAsync<JsonObject>("api/health"))!["queues"]!.AsObject();
            var (depths, poison) = (capture.Points(ConnectorMetrics.QueueDepth), capture.Points(ConnectorMetrics.QueuePoison));
            return queues.Count > 0 && queues.All(q =>
                Gauge(depths, q.Key) == q.Value!["approximateMessages"]!.GetValue<long>() && Gauge(poison, q.Key) == q.Value["poison"]!.GetValue<long>());
        }, "the queue gauges read what /api/health reads", Settle);
        Assert.DoesNotContain(capture.Points(ConnectorMetrics.StoresNeedingReauth), p => TelemetryCapture.Tag(p, ConnectorMetrics.StoreTag) == store);

        await AssertNothingExportedCarriesASecretAsync(system, capture, retried);
    }

    /// <summary>No span, metric or log record exported carries a token, a secret, or the customer's name, email or address.</summary>
    private static async Task AssertNothingExportedCarriesASecretAsync(ConnectorSystem system, TelemetryCapture capture, long orderId)
    {
        var delivered = await system.Admin.ReceivedOrderAsync(system.StoreHash, orderId);
        var billing = delivered!["billing_address"]!.AsObject();
        var secrets = new List<(string What, string? Value)>
        {
            ("store token", system.Token),
            ("client secret", system.Sandbox.Options.App.ClientSecret),
            ("back-office signing secret", system.Sandbox.Options.BackOffice.SigningSecret),
            ("Key Vault development token", system.Sandbox.Options.KeyVault.AccessToken),
            ("admin key", ConnectorSystem.AdminKey),
            ("customer first name", Text(billing, "first_name")),
            ("customer last name", Text(billing, "last_name")),
            ("customer email", Text(billing, "email")),
            ("customer street", Text(billing, "street1")),
        };
        Assert.All(secrets.Where(s => s.What.StartsWith("customer", StringComparison.Ordinal)), s => Assert.False(string.IsNullOrWhiteSpace(s.Value), $"the order has a {s.What}"));

        var texts = capture.AllText().ToList();
        Assert.Contains(texts, t => t.Contains(system.StoreHash, StringComparison.Ordinal));
        Assert.NotEmpty(capture.Logs);
        // A name is looked for as a word: a surname like "Webb" is inside "webhook", which every log of this run names.
        var leaks = secrets.Where(s => s.Value is { Length: >= 4 })
            .SelectMany(s => texts.Where(t => Carries(t, s.What, s.Value!)).Select(t => $"{s.What}: {t[..Math.Min(300, t.Length)]}"))
            .ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} exported items carry a secret or customer data:\n{string.Join("\n", leaks.Distinct().Take(20))}");
    }

    private static long? Gauge(IReadOnlyList<OpenTelemetry.Metrics.MetricPoint> points, string queue) =>
        points.Where(p => TelemetryCapture.Tag(p, ConnectorMetrics.QueueTag) == queue).Select(p => (long?)p.GetGaugeLastValueLong()).FirstOrDefault();

    private static string? Text(JsonObject json, string name) => json[name]?.GetValue<string>();

    private static bool Carries(string text, string what, string value) => what.StartsWith("customer", StringComparison.Ordinal)
        ? System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(value)}(?![\p{{L}}\p{{N}}])",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase)
        : text.Contains(value, StringComparison.OrdinalIgnoreCase);

    private static List<Span> Trace(TelemetryCapture capture, string traceId) =>
        [.. capture.SpansSnapshot().Where(s => s.TraceId.ToHexString() == traceId)];

    private static bool HasTag(Span span, string name, string value) => span.GetTagItem(name)?.ToString() == value;

    private static string Url(Span span) => span.GetTagItem("url.full")?.ToString() ?? "";

    private static string? Path(Span span) => span.GetTagItem("url.path")?.ToString();

    private static bool IsUnder(Span span, Span ancestor, List<Span> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            if (next.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}
