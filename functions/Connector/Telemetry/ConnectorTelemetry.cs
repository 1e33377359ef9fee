using System.Diagnostics;
using Span = System.Diagnostics.Activity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Telemetry;

/// <summary>
/// The connector's own telemetry, the same in both hosts: its ActivitySource and Meter, the HTTP client calls (BigCommerce,
/// the back office, Key Vault, storage) as dependencies, and the Azure SDK's own spans. The hosts only pick exporters
/// (Azure Monitor in Azure; the console, an OTLP endpoint or a test's in-memory list locally).
/// </summary>
public static class ConnectorTelemetry
{
    /// <summary>The ActivitySource and Meter name: what an exporter subscribes to.</summary>
    public const string SourceName = "Connector";
    public const string MeterName = "Connector";

    /// <summary>
    /// The Azure SDK clients' spans (storage, Key Vault) once <see cref="AzureActivitySourceSwitch"/> is on: one per
    /// operation (TableClient.UpdateEntity, SecretClient.GetSecret), with its status. Not Azure.Core.Http, the HTTP
    /// request under each (nor the HttpClient span under that): three spans per storage call would triple the cost of
    /// the busiest dependency for nothing an operator reads.
    /// </summary>
    public static readonly string[] AzureSources = ["Azure.Data.Tables.*", "Azure.Storage.*", "Azure.Security.KeyVault.*"];

    /// <summary>The AppContext switch that makes the Azure SDK emit ActivitySource spans (still "experimental" in Azure.Core).</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>An HttpClient call the Azure SDK makes for an operation it already traced (the filter may see the call's own span or its parent).</summary>
    private static bool UnderAzureSdk(Span? current) =>
        current is not null && (IsAzure(current) || (current.Parent is { } parent && IsAzure(parent)));

    private static bool IsAzure(Span span) => span.Source.Name.StartsWith("Azure.", StringComparison.Ordinal);

    /// <summary>
    /// Registers the connector's sources, meter and HTTP client instrumentation. Safe to call more than once (OpenTelemetry
    /// keeps one provider per service collection); the caller adds exporters to the builder it returns, and the sampler
    /// (<see cref="TraceSampling"/>: Azure Monitor's exporter samples itself, LocalHost sets it).
    /// </summary>
    public static OpenTelemetryBuilder AddConnectorTelemetry(this IHostApplicationBuilder builder)
    {
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        return builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(SourceName)
                .AddSource(AzureSources)
                // Never the request or response: headers carry tokens and signatures, bodies carry customers. The URL's
                // query is redacted by the instrumentation; the connector's URLs carry ids only.
                .AddHttpClientInstrumentation(o =>
                {
                    o.RecordException = false;
                    o.FilterHttpRequestMessage = _ => !UnderAzureSdk(Span.Current);
                })
                .AddProcessor<SubjectTagsProcessor>())
            .WithMetrics(metrics => metrics
                .AddMeter(MeterName)
                // Created with the provider: the gauges read from storage only while something collects them.
                .AddInstrumentation(sp => sp.GetRequiredService<QueueBacklogGauges>()));
    }
}
