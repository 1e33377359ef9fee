using Connector.Hosting;
using Connector.Storage;
using Microsoft.Extensions.Options;

namespace Connector.LocalHost.Storage;

/// <summary>
/// Creates the tables and queues before any listener starts. Storage may not answer yet
/// (Azurite starting beside us in a compose file or a test), so this retries for a while and
/// then fails the start with a message that says what to check.
/// </summary>
public sealed class StorageInitializer(
    ConnectorStorage storage,
    LocalHostTriggers triggers,
    TimeProvider time,
    IOptions<LocalHostOptions> options,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.StorageStartupTimeout;
        var backoff = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EnsureCreatedAsync(cancellationToken);
                logger.LogInformation("Storage ready after {Attempts} attempt(s)", attempt);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new InvalidOperationException(
                        $"Storage did not answer within {options.Value.StorageStartupTimeout}. Check the AzureWebJobsStorage setting and that Azurite (npm run azurite) or the storage account is reachable.",
                        ex);
                }

                logger.LogWarning("Storage not ready (attempt {Attempt}, {Error}); retrying", attempt, ex.GetType().Name);
                await Task.Delay(backoff.Next(), time, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);

        // Test and future triggers may bind queues the connector's list does not have yet.
        foreach (var queue in triggers.QueueNamesToCreate().Except(QueueNames.All, StringComparer.Ordinal))
        {
            await storage.Queue(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await storage.Queue(QueueNames.PoisonOf(queue)).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
