using System.Diagnostics;
using Connector.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace Connector.Tests.Telemetry;

/// <summary>Which traces are recorded: the settings read the same way in both hosts, and LocalHost's rate limit.</summary>
public sealed class TraceSamplingTests
{
    [Theory]
    [InlineData(null, null, 5.0, null)] // Azure Monitor's exporter's own default
    [InlineData(null, "1", null, 1.0)] // every trace
    [InlineData(null, "0.25", null, 0.25)]
    [InlineData(null, "7", null, 1.0)] // a share is at most all
    [InlineData("20", null, 20.0, null)]
    [InlineData("20", "0.5", 20.0, null)] // a rate wins over a share, as in Azure Monitor's exporter
    [InlineData("0", null, 0.0, null)] // nothing recorded
    [InlineData("fast", "half", 5.0, null)] // neither parses: the default
    public void Settings_choose_a_rate_or_a_share(string? perSecond, string? ratio, double? expectedRate, double? expectedRatio)
    {
        var settings = new Dictionary<string, string?>
        {
            [TraceSampling.TracesPerSecondSetting] = perSecond,
            [TraceSampling.RatioSetting] = ratio,
        };

        var sampling = TraceSampling.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(new TraceSampling(expectedRate, expectedRatio), sampling);
    }

    [Fact]
    public void A_rate_records_that_many_new_traces_a_second_and_refills_as_time_passes()
    {
        var clock = new FakeTimeProvider();
        var sampler = new RateLimitedSampler(3, clock);

        Assert.Equal(3, Recorded(sampler, 10));
        clock.Advance(TimeSpan.FromMilliseconds(500)); // half a second: one and a half traces' worth
        Assert.Equal(1, Recorded(sampler, 10));
        clock.Advance(TimeSpan.FromSeconds(30)); // a quiet spell saves up no more than a second's worth
        Assert.Equal(3, Recorded(sampler, 10));
    }

    [Fact]
    public void A_rate_of_zero_records_nothing_and_a_fraction_records_one_now_and_then()
    {
        var clock = new FakeTimeProvider();
        Assert.Equal(0, Recorded(new RateLimitedSampler(0, clock), 10));

        var slow = new RateLimitedSampler(0.5, clock);
        Assert.Equal(1, Recorded(slow, 10));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, Recorded(slow, 10));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, Recorded(slow, 10));
    }

    [Fact]
    public void A_traces_later_hops_follow_its_root_whatever_the_rate()
    {
        var sampler = new TraceSampling(0, null).CreateSampler();
        var recordedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var droppedParent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, isRemote: true);

        Assert.Equal(SamplingDecision.RecordAndSample, Decide(sampler, recordedParent));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, droppedParent));
        Assert.Equal(SamplingDecision.Drop, Decide(sampler, default));
    }

    private static int Recorded(Sampler sampler, int roots) =>
        Enumerable.Range(0, roots).Count(_ => Decide(sampler, default) == SamplingDecision.RecordAndSample);

    private static SamplingDecision Decide(Sampler sampler, ActivityContext parent) =>
        sampler.ShouldSample(new SamplingParameters(parent, ActivityTraceId.CreateRandom(), "orders process", ActivityKind.Consumer)).Decision;
}
