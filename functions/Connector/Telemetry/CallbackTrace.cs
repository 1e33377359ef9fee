using System.Diagnostics;
using Span = System.Diagnostics.Activity;

namespace Connector.Telemetry;

/// <summary>
/// A webhook callback's own trace through a shared hop. The endpoint's group commit writes many callbacks in one message,
/// so that message's trace context is one request's; each callback keeps its request's <c>traceparent</c>, and the work
/// done for it behind the queue (queuing its order) runs in a span of that trace, linked to the batch's processing. So an
/// order reached by a batched webhook is still one trace from its callback to the back office.
/// </summary>
public static class CallbackTrace
{
    /// <summary>The current request's trace context to keep with a callback; null when the connector is not traced.</summary>
    public static string? Capture() => ConnectorTelemetry.Source.HasListeners() ? Span.Current?.Id : null;

    /// <summary>A span continuing the callback's trace (null without one, or when no one listens).</summary>
    public static Span? Continue(string? traceParent, string name)
    {
        if (traceParent is null || !ConnectorTelemetry.Source.HasListeners()
            || !ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent))
        {
            return null;
        }

        ActivityLink[]? links = Span.Current is { } batch ? [new ActivityLink(batch.Context)] : null;
        return ConnectorTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent, tags: null, links: links);
    }
}
