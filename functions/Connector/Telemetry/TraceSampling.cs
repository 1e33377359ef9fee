using System.Globalization;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Trace;

namespace Connector.Telemetry;

/// <summary>
/// Which traces are recorded, the same in both hosts: at most <see cref="TracesPerSecond"/> new traces a second (the
/// default, 5, is Azure Monitor's exporter's own), or a fixed share of them (<see cref="Ratio"/>). A trace is kept or
/// dropped whole: its root decides and every hop follows the decision it receives (over queues, to the back office). Below
/// the rate every order's trace is recorded; a webhook burst above it records that many a second and pays little for the
/// rest. The metrics are not sampled: counts and alerts see every order either way.
/// </summary>
/// <param name="TracesPerSecond">Root traces recorded a second, when rate-limited.</param>
/// <param name="Ratio">The share of root traces recorded, 0 to 1, when not rate-limited.</param>
public sealed record TraceSampling(double? TracesPerSecond, double? Ratio)
{
    public const string TracesPerSecondSetting = "Connector:Telemetry:TracesPerSecond";
    public const string RatioSetting = "Connector:Telemetry:SamplingRatio";

    /// <summary>Azure Monitor's exporter's default (Azure.Monitor.OpenTelemetry.Exporter 1.6 and later).</summary>
    public const double DefaultTracesPerSecond = 5;

    /// <summary>
    /// From the settings: a rate when one is set (it wins over a ratio, as in Azure Monitor's exporter), else the ratio when
    /// one is set, else the default rate. <c>SamplingRatio=1</c> alone records every trace.
    /// </summary>
    public static TraceSampling From(IConfiguration configuration)
    {
        var rate = Number(configuration, TracesPerSecondSetting);
        var ratio = Number(configuration, RatioSetting);
        return rate is { } perSecond ? new(Math.Max(0, perSecond), null)
            : ratio is { } share ? new(null, Math.Clamp(share, 0, 1))
            : new(DefaultTracesPerSecond, null);
    }

    /// <summary>The sampler for a host whose exporter does not sample itself (LocalHost): a root decides, children follow.</summary>
    public Sampler CreateSampler() => new ParentBasedSampler(TracesPerSecond is { } perSecond
        ? new RateLimitedSampler(perSecond, TimeProvider.System)
        : new TraceIdRatioBasedSampler(Ratio ?? 1));

    public override string ToString() => TracesPerSecond is { } perSecond
        ? string.Create(CultureInfo.InvariantCulture, $"at most {perSecond} traces a second")
        : string.Create(CultureInfo.InvariantCulture, $"{Ratio:P0} of traces");

    private static double? Number(IConfiguration configuration, string key) =>
        double.TryParse(configuration[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;
}
