using OpenTelemetry;
using Span = System.Diagnostics.Activity;

namespace Connector.Telemetry;

/// <summary>
/// Gives every span started under a connector span (the HTTP calls to BigCommerce and the back office, the Azure SDK's
/// storage and Key Vault calls) the store, order, SKU and shipment of the work it belongs to, so a dependency can be
/// found by them in Application Insights. Copies ids the connector set itself; it never reads a request.
/// </summary>
public sealed class SubjectTagsProcessor : BaseProcessor<Span>
{
    public override void OnStart(Span data)
    {
        if (data.Source.Name == ConnectorTelemetry.SourceName)
        {
            return;
        }

        for (var parent = data.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Source.Name != ConnectorTelemetry.SourceName)
            {
                continue;
            }

            foreach (var name in SpanTags.Inherited)
            {
                if (parent.GetTagItem(name) is { } value)
                {
                    data.SetTag(name, value);
                }
            }

            return;
        }
    }
}
