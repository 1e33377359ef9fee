using Connector.Storage;

namespace Connector.LocalHost.Storage;

/// <summary>Creates the tables and queues before any listener or timer starts (registered first), as the Functions app does before it connects to its host.</summary>
public sealed class StorageInitializer(StorageProvisioning provisioning) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => provisioning.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
