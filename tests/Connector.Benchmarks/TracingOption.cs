using Span = System.Diagnostics.Activity;
using Connector.Testing;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Benchmarks;

/// <summary>
/// <c>--tracing on|off</c>: the same run with the connector's telemetry on (every span sampled and batched to an exporter
/// that drops it, every metric collected each 10 s: the work Azure Monitor's exporter adds short of the network) or off (no
/// provider at all, as LocalHost runs without an exporter). The sandbox runs in the same process and its requests are
/// traced too, so "on" costs at least what production would.
/// </summary>
public sealed class TracingOption
{
    private readonly long[] _spans = new long[1];

    private TracingOption(bool on) => On = on;

    public bool On { get; }

    public long SpansExported => Interlocked.Read(ref _spans[0]);

    /// <summary>The share of traces recorded (<c>--sampling R</c>, Connector:Telemetry:SamplingRatio); null: every one.</summary>
    public string? Sampling { get; private init; }

    public static TracingOption Parse(string? value, string? sampling = null) => value switch
    {
        null or "off" => new TracingOption(false),
        "on" => new TracingOption(true) { Sampling = sampling },
        _ => throw new ArgumentException($"--tracing takes on or off, not '{value}'."),
    };

    public ConnectorSystemOptions Apply(ConnectorSystemOptions options) => !On ? options : options with
    {
        Settings = Sampling is null
            ? new Dictionary<string, string>(options.Settings) { ["Connector:Telemetry:Enabled"] = "true" }
            : new Dictionary<string, string>(options.Settings) { ["Connector:Telemetry:Enabled"] = "true", [Connector.Telemetry.ConnectorTelemetry.SamplingRatioSetting] = Sampling },
        Configure = builder =>
        {
            options.Configure?.Invoke(builder);
            builder.Services.ConfigureOpenTelemetryTracerProvider(t => (Sampling is null ? t.SetSampler(new AlwaysOnSampler()) : t)
                .AddProcessor(new BatchActivityExportProcessor(new Dropped(_spans))));
            builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddReader(new PeriodicExportingMetricReader(new DroppedMetrics(), 10_000)));
        },
    };

    public string Label => !On ? "off" : Sampling is null ? "on" : $"on, {Sampling} sampled";

    /// <summary>Counts the spans the provider owns and drops them.</summary>
    private sealed class Dropped(long[] count) : BaseExporter<Span>
    {
        public override ExportResult Export(in Batch<Span> batch)
        {
            Interlocked.Add(ref count[0], batch.Count);
            return ExportResult.Success;
        }
    }

    private sealed class DroppedMetrics : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
