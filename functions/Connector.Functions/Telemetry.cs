using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Connector.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Hosting;

namespace Connector.Functions;

/// <summary>
/// Application Insights through OpenTelemetry: the worker's logs, the connector's spans (queue hops, BigCommerce, the
/// back office, Key Vault and storage as dependencies) and its metrics (<see cref="ConnectorMetrics"/>).
/// </summary>
public static class Telemetry
{
    /// <summary>The app setting Azure sets when the Function App is linked to Application Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IHostApplicationBuilder AddConnectorTelemetry(this IHostApplicationBuilder builder)
    {
        // The connector's sources and meter, then the function resource attributes and invocation correlation with the host.
        var telemetry = ConnectorTelemetry.AddConnectorTelemetry(builder).UseFunctionsWorkerDefaults();

        // Export only where there is somewhere to send it; a local run without the setting still works.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[ConnectionStringSetting]))
        {
            // Application Insights takes Entra ID auth only (local auth is off): the app's identity, via AZURE_CLIENT_ID.
            // The exporter takes the traces, the metrics and the logs (scopes included: store, order, correlation).
            // Its sampler decides in Azure, told the connector's settings: left alone, it would record 5 traces a second and
            // ignore a ratio (its rate wins over its ratio), whatever Connector__Telemetry__SamplingRatio said.
            var sampling = TraceSampling.From(builder.Configuration);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.Credential = new DefaultAzureCredential();
                Apply(sampling, o);
            });
        }

        return builder;
    }

    /// <summary>The connector's sampling as the exporter's options: a rate, or a ratio with no rate.</summary>
    public static void Apply(TraceSampling sampling, AzureMonitorExporterOptions options)
    {
        options.TracesPerSecond = sampling.TracesPerSecond;
        options.SamplingRatio = (float)(sampling.Ratio ?? 1);
    }
}
