using Connector.EndToEndTests.Infrastructure;
using Connector.Testing.Soak;

namespace Connector.EndToEndTests.Soak;

/// <summary>
/// The soak (scripts/soak.sh, docs/soak.md) in a size CI affords: orders by webhook and poll, stock changes,
/// faults on both sides, two LocalHost processes sharing the work (one is killed hard once), one Azurite restart, and a
/// store's token revoked during a back-office outage (the store then registered again),
/// then nothing lost, doubled or stale. It brings its own Azurite (it restarts it) and runs LocalHost as processes.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ShortSoakTests
{
    [Fact]
    public async Task Under_faults_a_hard_kill_and_a_storage_restart_no_order_is_lost_or_doubled_and_no_stock_is_stale()
    {
        var options = new SoakOptions
        {
            Stores = 2,
            Orders = 240,
            Skus = 40,
            SkuChangeShare = 0.25,
            LoadDuration = TimeSpan.FromSeconds(75),
            OrderPollSchedule = "*/10 * * * * *",
            InventoryPushSchedule = "*/15 * * * * *",
            Instances = 2,
            Kills = 1,
            RestartAzurite = true,
            MessageLease = TimeSpan.FromSeconds(10),
            DrainTimeout = TimeSpan.FromSeconds(90),
        };
        var progress = new StringWriter();

        var report = await new SoakRun(options, progress).RunAsync();

        var story = report.ToMarkdown() + "\n" + progress;
        Assert.True(report.OrdersCreated == options.Orders, story);
        Assert.True(report.Kills == 1 && report.AzuriteRestarts == 1 && report.Revocations == 1, story);
        Assert.True(report.OrdersLost == 0, story);
        Assert.True(report.DeliveredMoreThanOnceWithDifferentKeys == 0, story);
        Assert.True(report.SkusStale == 0, story);
        Assert.True(report.Poison.Count == 0, story);
        Assert.True(report.DrainTime is not null, story);
        Assert.True(report.InjectedFaults.Values.Sum() > 0, story);
    }
}
