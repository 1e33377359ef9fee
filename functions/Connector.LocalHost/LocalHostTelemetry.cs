using Connector.LocalHost.Http;
using Connector.Telemetry;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.LocalHost;

/// <summary>
/// LocalHost's telemetry: the connector's own (<see cref="ConnectorTelemetry"/>) plus the incoming requests, exported to
/// the console (<c>Connector:Telemetry:Console=true</c>) and/or an OTLP collector (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, read
/// by the exporter with the other <c>OTEL_EXPORTER_OTLP_*</c> settings). With neither (nor <c>Connector:Telemetry:Enabled</c>,
/// how a test adds its own exporter) nothing is traced: no spans, no trace context in messages. Logs go to the console
/// either way, one line each with a UTC ISO 8601 timestamp; the JSON formatter adds their scopes (store, order, correlation) as fields.
/// </summary>
public static class LocalHostTelemetry
{
    public const string Section = "Connector:Telemetry";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>ISO 8601 in UTC, whatever the machine's culture; the trailing space separates it from the level.</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";

    /// <summary>ASP.NET Core's one line per request; held at Warning unless a Logging:LogLevel entry says otherwise.</summary>
    public const string HttpLoggingCategory = "Microsoft.AspNetCore.HttpLogging";

    /// <summary>ASP.NET Core's per-request lines (endpoint executing, result written): held at Warning the same way.</summary>
    public const string AspNetCoreCategory = "Microsoft.AspNetCore";

    public static IHostApplicationBuilder AddLocalHostTelemetry(this IHostApplicationBuilder builder)
    {
        AddConsoleLogs(builder);

        var configuration = builder.Configuration;
        var console = configuration.GetValue<bool>($"{Section}:Console");
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (!console && !otlp && !configuration.GetValue<bool>($"{Section}:Enabled"))
        {
            return builder;
        }

        var sampling = TraceSampling.From(configuration);
        var telemetry = builder.AddConnectorTelemetry()
            // The requests LocalHost serves (webhooks, callbacks, the page), described by its own pipeline (RequestSpans).
            .WithTracing(tracing => tracing.SetSampler(sampling.CreateSampler()).AddSource(RequestSpans.SourceName));
        if (console)
        {
            telemetry.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
        }

        if (otlp)
        {
            telemetry.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
            builder.Logging.AddOpenTelemetry(logs =>
            {
                logs.IncludeScopes = true;
                logs.AddOtlpExporter();
            });
        }

        return builder;
    }

    private static void AddConsoleLogs(IHostApplicationBuilder builder)
    {
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            // The simple formatter writes a scope with its ToString (a dictionary's type name); the messages name their ids.
            o.IncludeScopes = false;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = TimestampFormat;
        });
        // Logging:Console:FormatterName=json for a collector that reads JSON lines: the same timestamps, and the scopes as fields.
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = TimestampFormat.TrimEnd();
        });

        // The request lines, and ASP.NET Core's own per-request lines (routing, results), would outnumber the connector's
        // at Information; the spans carry the requests anyway.
        foreach (var category in new[] { HttpLoggingCategory, AspNetCoreCategory })
        {
            if (!HasLevelFor(builder.Configuration, category))
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }
    }

    /// <summary>Whether Logging:LogLevel names the category or one of its prefixes (Default aside): the operator's choice wins.</summary>
    private static bool HasLevelFor(IConfiguration configuration, string category)
    {
        for (var name = category; name.Length > 0; name = name.Contains('.') ? name[..name.LastIndexOf('.')] : "")
        {
            if (!string.IsNullOrWhiteSpace(configuration[$"Logging:LogLevel:{name}"]))
            {
                return true;
            }
        }

        return false;
    }
}
