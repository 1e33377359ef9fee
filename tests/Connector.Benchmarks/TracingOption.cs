using Span = System.Diagnostics.Activity;
using Connector.Telemetry;
using Connector.Testing;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Connector.Benchmarks;

/// <summary>
/// <c>--tracing on|off</c>: the same run with the connector's telemetry on (its sampler, the recorded spans batched to an
/// exporter that drops them, every metric collected each 10 s: the work Azure Monitor's exporter adds short of the
/// network) or off (no provider at all, as LocalHost runs without an exporter). <c>--sampling</c> chooses the traces
/// recorded as the settings do (<see cref="TraceSampling"/>): unset, the default rate; <c>all</c>; a share such as
/// <c>0.1</c>; a rate such as <c>20/s</c>.
/// </summary>
public sealed class TracingOption
{
    private readonly long[] _spans = new long[1];

    private TracingOption(bool on) => On = on;

    public bool On { get; }

    public long SpansExported => Interlocked.Read(ref _spans[0]);

    /// <summary><c>--sampling</c> as given; null: the connector's default.</summary>
    public string? Sampling { get; private init; }

    public static TracingOption Parse(string? value, string? sampling = null) => value switch
    {
        null or "off" => new TracingOption(false),
        "on" => new TracingOption(true) { Sampling = sampling },
        _ => throw new ArgumentException($"--tracing takes on or off, not '{value}'."),
    };

    public ConnectorSystemOptions Apply(ConnectorSystemOptions options)
    {
        if (!On)
        {
            return options;
        }

        var settings = new Dictionary<string, string>(options.Settings) { ["Connector:Telemetry:Enabled"] = "true" };
        switch (Sampling)
        {
            case null:
                break;
            case "all":
                settings[TraceSampling.RatioSetting] = "1";
                break;
            case var rate when rate.EndsWith("/s", StringComparison.Ordinal):
                settings[TraceSampling.TracesPerSecondSetting] = rate[..^2];
                break;
            default:
                settings[TraceSampling.RatioSetting] = Sampling;
                break;
        }

        return options with
        {
            Settings = settings,
            Configure = builder =>
            {
                options.Configure?.Invoke(builder);
                builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new BatchActivityExportProcessor(new Dropped(_spans))));
                builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddReader(new PeriodicExportingMetricReader(new DroppedMetrics(), 10_000)));
            },
        };
    }

    public string Label => !On ? "off" : $"on, {Sampling ?? $"{TraceSampling.DefaultTracesPerSecond}/s (default)"} sampled";

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
