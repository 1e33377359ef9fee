using Azure.Monitor.OpenTelemetry.Exporter;
using Connector.Functions.Tests.Infrastructure;
using Connector.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connector.Functions.Tests;

/// <summary>
/// In Azure, Application Insights' exporter samples. Left to itself it records 5 traces a second and ignores a ratio (its
/// rate wins over its ratio): the app must hand it the connector's settings, both ways.
/// </summary>
public sealed class TelemetrySamplingTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/";

    [Theory]
    [InlineData(null, null, 5.0, 1.0)]
    [InlineData(null, "1", null, 1.0)]
    [InlineData(null, "0.1", null, 0.1)]
    [InlineData("50", null, 50.0, 1.0)]
    public void The_exporter_samples_as_the_connectors_settings_say(string? perSecond, string? ratio, double? expectedRate, double expectedRatio)
    {
        var overrides = new Dictionary<string, string> { [Telemetry.ConnectionStringSetting] = ConnectionString };
        if (perSecond is not null)
        {
            overrides[TraceSampling.TracesPerSecondSetting] = perSecond;
        }

        if (ratio is not null)
        {
            overrides[TraceSampling.RatioSetting] = ratio;
        }

        using var worker = ConnectorFunctionsApp.CreateBuilder(AppSettings.AsArguments(AppSettings.FromSample(overrides))).Build();
        var options = worker.Services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().CurrentValue;

        Assert.Equal(expectedRate, options.TracesPerSecond);
        Assert.Equal(expectedRatio, options.SamplingRatio, precision: 5);
    }
}
