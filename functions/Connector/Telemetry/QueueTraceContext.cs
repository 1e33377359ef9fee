using System.Diagnostics;
using System.Text.Json.Nodes;
using Connector.Hosting;
using Span = System.Diagnostics.Activity;

namespace Connector.Telemetry;

/// <summary>
/// W3C trace context across a queue hop. The sender's span is written into the message body as <c>traceparent</c> (and
/// <c>tracestate</c> when there is one), next to the record's own properties, so the records stay as they are and a
/// handler's reader skips them; the processing span starts with it as its parent, so the webhook request (or the store
/// sync), the queue hop, the BigCommerce read and the back-office POST are one trace. A message without it (sent before
/// this, or by hand) starts a trace of its own. Retry rounds, poison and requeue keep the body, and so the trace.
/// </summary>
public static class QueueTraceContext
{
    public const string TraceParentProperty = "traceparent";
    public const string TraceStateProperty = "tracestate";

    /// <summary>A send span (null when no one listens: then the body is serialized as before, at no extra cost).</summary>
    public static Span? StartSend(string queueName) =>
        ConnectorTelemetry.Source.HasListeners()
            ? ConnectorTelemetry.Source.StartActivity($"{queueName} send", ActivityKind.Producer)?
                .SetTag(SpanTags.MessagingSystem, SpanTags.AzureQueues)
                .SetTag(SpanTags.MessagingOperation, "send")
                .SetTag(SpanTags.MessagingDestination, queueName)
            : null;

    /// <summary>Writes the send span's trace context into the body and tags the span with the message's subject.</summary>
    public static string Stamp(JsonObject body, Span send)
    {
        body[TraceParentProperty] = send.Id;
        if (!string.IsNullOrEmpty(send.TraceStateString))
        {
            body[TraceStateProperty] = send.TraceStateString;
        }

        if (send.IsAllDataRequested)
        {
            TagSubject(send, body);
        }

        return body.ToJsonString(Storage.WorkQueue.Json);
    }

    /// <summary>
    /// The processing span of one message: a child of the span that sent it when the body says which, else of whatever
    /// is current (the Functions invocation; nothing in LocalHost). The invocation is linked when it is not the parent.
    /// </summary>
    public static Span? StartProcess(string queueName, QueueWorkItem message)
    {
        if (!ConnectorTelemetry.Source.HasListeners())
        {
            return null;
        }

        var body = PoisonEnvelope.ParseObject(message.Body);
        var sender = SenderOf(body);
        var current = Span.Current;
        ActivityLink[]? links = sender is not null && current is not null ? [new ActivityLink(current.Context)] : null;
        var span = ConnectorTelemetry.Source.StartActivity(
            $"{queueName} process", ActivityKind.Consumer, sender ?? default, tags: null, links: links);
        if (span is not { IsAllDataRequested: true })
        {
            return span;
        }

        span.SetTag(SpanTags.MessagingSystem, SpanTags.AzureQueues)
            .SetTag(SpanTags.MessagingOperation, "process")
            .SetTag(SpanTags.MessagingDestination, queueName)
            .SetTag(SpanTags.MessageId, message.MessageId)
            .SetTag(SpanTags.DeliveryCount, message.DequeueCount);
        if (body is not null)
        {
            TagSubject(span, body);
        }

        return span;
    }

    /// <summary>The sender's span, from the body; null for a body without one (or with one that does not parse).</summary>
    public static ActivityContext? SenderOf(JsonObject? body) =>
        body?[TraceParentProperty] is JsonValue parent && parent.TryGetValue<string>(out var traceParent)
        && ActivityContext.TryParse(traceParent, (body[TraceStateProperty] as JsonValue)?.ToString(), isRemote: true, out var context)
            ? context
            : null;

    private static void TagSubject(Span span, JsonObject body)
    {
        var subject = MessageSubject.Of(body);
        span.SetTag(SpanTags.StoreHash, subject.StoreHash);
        var tag = subject.Kind switch
        {
            "order" => SpanTags.OrderId,
            "sku" => SpanTags.Sku,
            "product" => SpanTags.ProductId,
            "shipment" or "bigcommerce-shipment" or "cancellation" => SpanTags.ShipmentId,
            "flow" => SpanTags.Flow,
            _ => null,
        };
        if (tag is not null)
        {
            span.SetTag(tag, subject.Subject);
        }

        if (body["correlationId"] is JsonValue correlation)
        {
            span.SetTag(SpanTags.CorrelationId, correlation.ToString());
        }
    }
}
