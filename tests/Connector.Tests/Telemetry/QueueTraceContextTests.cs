using System.Diagnostics;
using System.Text.Json.Nodes;
using Connector.Hosting;
using Connector.Telemetry;
using Span = System.Diagnostics.Activity;

namespace Connector.Tests.Telemetry;

/// <summary>
/// The trace context a queue message carries: its processing continues the sender's trace, a message without one (or with
/// one that does not parse) starts its own, and retry rounds and poison keep it.
/// </summary>
public sealed class QueueTraceContextTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == ConnectorTelemetry.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public QueueTraceContextTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void A_message_stamped_by_its_sender_is_processed_in_the_senders_trace_with_its_subject()
    {
        string body;
        ActivityTraceId traceId;
        ActivitySpanId sendId;
        using (var send = QueueTraceContext.StartSend(QueueNames.Orders)!)
        {
            (traceId, sendId) = (send.TraceId, send.SpanId);
            body = QueueTraceContext.Stamp(new JsonObject { ["storeHash"] = "abc123", ["orderId"] = 101, ["correlationId"] = "c-1" }, send);
            Assert.Equal("abc123", send.GetTagItem(SpanTags.StoreHash));
            Assert.Equal("101", send.GetTagItem(SpanTags.OrderId));
        }

        using var process = QueueTraceContext.StartProcess(QueueNames.Orders, new QueueWorkItem("m-1", body, 2, null))!;

        Assert.Equal(traceId, process.TraceId);
        Assert.Equal(sendId, process.ParentSpanId);
        Assert.Equal(ActivityKind.Consumer, process.Kind);
        Assert.Equal("orders process", process.DisplayName);
        Assert.Equal("abc123", process.GetTagItem(SpanTags.StoreHash));
        Assert.Equal("101", process.GetTagItem(SpanTags.OrderId));
        Assert.Equal("c-1", process.GetTagItem(SpanTags.CorrelationId));
        Assert.Equal(2L, process.GetTagItem(SpanTags.DeliveryCount));
    }

    [Theory]
    [InlineData("""{"storeHash":"abc123","sku":"SKU-1"}""")]
    [InlineData("""{"storeHash":"abc123","sku":"SKU-1","traceparent":"not a trace context"}""")]
    [InlineData("not json")]
    public void A_message_without_a_readable_trace_context_starts_a_trace_of_its_own(string body)
    {
        using var process = QueueTraceContext.StartProcess(QueueNames.Inventory, new QueueWorkItem("m-1", body, 1, null))!;

        Assert.Null(process.Parent);
        Assert.Equal(default, process.ParentSpanId);
        Assert.NotEqual(default, process.TraceId);
    }

    [Fact]
    public void The_invocation_is_linked_when_the_sender_is_the_parent()
    {
        string body;
        using (var send = QueueTraceContext.StartSend(QueueNames.Inventory)!)
        {
            body = QueueTraceContext.Stamp(new JsonObject { ["storeHash"] = "abc123", ["sku"] = "SKU-1" }, send);
        }

        using var invocation = ConnectorTelemetry.Source.StartActivity("invocation")!;
        using var process = QueueTraceContext.StartProcess(QueueNames.Inventory, new QueueWorkItem("m-1", body, 1, null))!;

        Assert.NotEqual(invocation.TraceId, process.TraceId);
        Assert.Equal(invocation.Context, Assert.Single(process.Links).Context);
        Assert.Equal("SKU-1", process.GetTagItem(SpanTags.Sku));
    }

    [Fact]
    public void Retry_rounds_and_poison_keep_the_trace_context()
    {
        string body;
        string traceParent;
        using (var send = QueueTraceContext.StartSend(QueueNames.Orders)!)
        {
            body = QueueTraceContext.Stamp(new JsonObject { ["storeHash"] = "abc123", ["orderId"] = 7 }, send);
            traceParent = send.Id!;
        }

        var retried = RetryRounds.Mark(body, new RetryRound(1, "IOException: down", DateTimeOffset.UnixEpoch))!;
        var poisoned = PoisonEnvelope.Wrap(retried, new PoisonDetails("orders", "IOException: down", 5, DateTimeOffset.UnixEpoch, "m-1"))!;
        var requeued = RetryRounds.Strip(PoisonEnvelope.Unwrap(poisoned).Body);

        Assert.All([retried, poisoned, requeued], b => Assert.Equal(traceParent, JsonNode.Parse(b)![QueueTraceContext.TraceParentProperty]!.GetValue<string>()));
    }

    [Fact]
    public void Nothing_is_started_while_nothing_listens()
    {
        _listener.Dispose();

        Assert.Null(QueueTraceContext.StartSend(QueueNames.Orders));
        Assert.Null(QueueTraceContext.StartProcess(QueueNames.Orders, new QueueWorkItem("m-1", "{}", 1, null)));
    }
}
