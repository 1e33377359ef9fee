using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Stores;

/// <summary>
/// The stores named in settings. Each is recorded once in the Installations table so its connection
/// time stays put across restarts, and a store BigCommerce refused (401) stops getting work.
/// </summary>
public sealed class ConfiguredStoreDirectory(ConfiguredStores configured, ConnectorStorage storage, TimeProvider clock)
    : IStoreDirectory, IStoreTokenProvider
{
    private TableClient Table => storage.Table(TableNames.Installations);

    public async Task<IReadOnlyList<StoreConnection>> ListActiveStoresAsync(CancellationToken cancellationToken)
    {
        var active = new List<StoreConnection>();
        foreach (var store in configured.All)
        {
            if (await FindActiveStoreAsync(store.StoreHash, cancellationToken) is { } connection)
            {
                active.Add(connection);
            }
        }

        return active;
    }

    public async Task<StoreConnection?> FindActiveStoreAsync(string storeHash, CancellationToken cancellationToken)
    {
        var store = configured.Find(storeHash);
        if (store is null)
        {
            return null;
        }

        var record = await OptimisticUpdate.ApplyAsync<InstallationRecord>(Table, storeHash, InstallationRecord.Row,
            current => current is null ? new InstallationRecord { InstalledAt = store.ConnectedAt ?? clock.GetUtcNow() } : null,
            cancellationToken);
        return record!.Status == InstallationStatus.Active ? new StoreConnection(storeHash, store.ConnectedAt ?? record.InstalledAt) : null;
    }

    public Task MarkNeedsReauthAsync(string storeHash, string reason, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<InstallationRecord>(Table, storeHash, InstallationRecord.Row, current =>
        {
            var record = current ?? new InstallationRecord { InstalledAt = clock.GetUtcNow() };
            record.Status = InstallationStatus.NeedsReauth;
            record.LastError = reason;
            return record;
        }, cancellationToken);

    public ValueTask<string> GetAccessTokenAsync(string storeHash, CancellationToken cancellationToken) =>
        configured.Find(storeHash) is { AccessToken.Length: > 0 } store
            ? ValueTask.FromResult(store.AccessToken)
            : throw new InvalidOperationException($"No access token is configured for store {storeHash}.");
}
