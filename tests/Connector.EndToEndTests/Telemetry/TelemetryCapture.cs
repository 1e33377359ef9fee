using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Connector.EndToEndTests.Infrastructure;
using Connector.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OpenTelemetry;
using Span = System.Diagnostics.Activity;

namespace Connector.EndToEndTests.Telemetry;

/// <summary>
/// What LocalHost exports, caught with OpenTelemetry's in-memory exporters: the spans, the metrics (read on demand), and
/// every log record as a line of text (its message, attributes and scopes) made at export time.
/// </summary>
public sealed class TelemetryCapture
{
    public List<Span> Spans { get; } = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly ConcurrentQueue<string> _logs = new();
    private IServiceProvider? _services;

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Connector:Telemetry:Enabled"] = "true",
        // Every trace: the default rate would leave a test's order to chance behind the timers' own traces.
        [TraceSampling.RatioSetting] = "1",
        ["Logging:LogLevel:Default"] = "Information",
    };

    public void Configure(IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
            o.AddProcessor(new SimpleLogRecordExportProcessor(new LogLineExporter(_logs)));
        });
    }

    public void Attach(IServiceProvider services) => _services = services;

    /// <summary>The whole system with LocalHost's telemetry caught by a new capture.</summary>
    /// <param name="settings">Settings over <see cref="Settings"/> (say, another sampling).</param>
    public static async Task<(ConnectorSystem System, TelemetryCapture Capture)> StartAsync(
        AzuriteFixture azurite, bool webhooks, IReadOnlyDictionary<string, string>? settings = null)
    {
        var capture = new TelemetryCapture();
        var merged = new Dictionary<string, string>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions { Webhooks = webhooks, Settings = merged, Configure = capture.Configure });
        capture.Attach(system.Connector.Services);
        return (system, capture);
    }

    public IReadOnlyCollection<string> Logs => _logs;

    public List<Span> SpansSnapshot()
    {
        lock (Spans)
        {
            return [.. Spans];
        }
    }

    /// <summary>The metric's latest cumulative points, after a collection made now.</summary>
    public IReadOnlyList<MetricPoint> Points(string name)
    {
        _services!.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
        {
            var latest = _metrics.LastOrDefault(m => m.Name == name);
            return latest is null ? [] : [.. latest.MetricPoints];
        }
    }

    public static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    public long Sum(string name, string store) =>
        Points(name).Where(p => Tag(p, ConnectorMetrics.StoreTag) == store).Sum(p => p.GetSumLong());

    /// <summary>Every exported text: span names, statuses, attributes, events and links; metric names and tags; log lines.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (var span in SpansSnapshot())
        {
            yield return $"{span.Source.Name} {span.DisplayName} {span.StatusDescription}";
            foreach (var tag in span.TagObjects)
            {
                yield return $"{tag.Key}={tag.Value}";
            }

            foreach (var e in span.Events)
            {
                yield return $"{e.Name} {string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))}";
            }

            foreach (var item in span.Baggage)
            {
                yield return $"{item.Key}={item.Value}";
            }
        }

        _services!.GetRequiredService<MeterProvider>().ForceFlush();
        lock (_metrics)
        {
            foreach (var metric in _metrics)
            {
                foreach (var point in metric.MetricPoints)
                {
                    var text = new StringBuilder(metric.Name);
                    foreach (var tag in point.Tags)
                    {
                        text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                    }

                    yield return text.ToString();
                }
            }
        }

        foreach (var line in _logs)
        {
            yield return line;
        }
    }

    private sealed class LogLineExporter(ConcurrentQueue<string> lines) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var text = new StringBuilder($"{record.LogLevel} {record.CategoryName}: {record.FormattedMessage ?? record.Body}");
                foreach (var attribute in record.Attributes ?? [])
                {
                    text.Append(' ').Append(attribute.Key).Append('=').Append(attribute.Value);
                }

                record.ForEachScope((scope, builder) =>
                {
                    foreach (var item in scope)
                    {
                        builder.Append(' ').Append(item.Key).Append('=').Append(item.Value);
                    }
                }, text);
                text.Append(' ').Append(record.Exception);
                lines.Enqueue(text.ToString());
            }

            return ExportResult.Success;
        }
    }
}
