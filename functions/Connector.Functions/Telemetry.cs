using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace Connector.Functions;

/// <summary>Application Insights through OpenTelemetry: the worker's logs, traces and metrics.</summary>
public static class Telemetry
{
    /// <summary>The app setting Azure sets when the Function App is linked to Application Insights.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IHostApplicationBuilder AddConnectorTelemetry(this IHostApplicationBuilder builder)
    {
        // Function resource attributes and invocation correlation with the host.
        var telemetry = builder.Services.AddOpenTelemetry().UseFunctionsWorkerDefaults();

        // Export only where there is somewhere to send it; a local run without the setting still works.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[ConnectionStringSetting]))
        {
            // Application Insights takes Entra ID auth only (local auth is off): the app's identity, via AZURE_CLIENT_ID.
            telemetry.UseAzureMonitorExporter(o => o.Credential = new DefaultAzureCredential());
        }

        return builder;
    }
}
