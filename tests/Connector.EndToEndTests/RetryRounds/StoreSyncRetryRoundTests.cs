using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Storage;
using Connector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.EndToEndTests.RetryRounds;

/// <summary>A store sync that failed all the attempts of a round must really run again in its next round.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoreSyncRetryRoundTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_inventory_scan_that_failed_a_whole_round_runs_in_its_retry_round_and_the_stock_arrives()
    {
        var roundSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            // One later round, 3 s on: the default's first round is a minute, the inventory timer's next try an hour.
            Settings = new Dictionary<string, string> { ["Connector:QueueRetry:Rounds"] = "1", ["Connector:QueueRetry:FirstDelay"] = "00:00:03" },
            Configure = b => b.Services.AddSingleton<IRetryQueue>(sp =>
                new SignallingRetryQueue(new StorageRetryQueue(sp.GetRequiredService<ConnectorStorage>()), roundSent)),
        });
        string[] skus = ["ROUND-1", "ROUND-2", "ROUND-3"];
        await system.Admin.SeedCatalogAsync(system.StoreHash, skus);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, skus.Select(s => (s, 7)));
        await system.Admin.CorruptFeedAsync("fail-page", page: 1); // every read of the feed fails

        await system.RunInventoryPushAsync();
        await roundSent.Task.WaitAsync(Settle);
        await system.Admin.ClearFeedCorruptionAsync();

        await Eventually.TrueAsync(async () =>
        {
            var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
            return skus.All(s => levels.TryGetValue(s, out var level) && level.Quantity == 7);
        }, "the stock set by the retry round", TimeSpan.FromSeconds(30));
        Assert.Empty(await system.PoisonMessagesAsync(QueueNames.StoreSync));
    }

    /// <summary>The real retry queue, telling the test when a message was sent back for a later round.</summary>
    private sealed class SignallingRetryQueue(IRetryQueue inner, TaskCompletionSource sent) : IRetryQueue
    {
        public async Task SendLaterAsync(string queueName, string body, TimeSpan delay, CancellationToken cancellationToken)
        {
            await inner.SendLaterAsync(queueName, body, delay, cancellationToken);
            sent.TrySetResult();
        }
    }
}
