using Azure.Data.Tables;
using Connector.Storage;
using Connector.Stores;

namespace Connector.Installations;

/// <summary>What an install (OAuth or API account) records about a store.</summary>
public sealed record InstallationDetails(
    string StoreHash, string ConnectionMode, string? Scopes, long? OwnerId, long? InstalledByUserId, string? AccountUuid);

/// <summary>
/// The Installations table: which stores the connector works for. Every timer fans out over the active
/// ones; an uninstalled store, or one whose token BigCommerce refused, gets no work.
/// </summary>
public sealed class InstallationRegistry(ConnectorStorage storage, TimeProvider clock, Telemetry.ConnectorMetrics metrics) : IStoreDirectory
{
    private TableClient Table => storage.Table(TableNames.Installations);

    public async Task<IReadOnlyList<StoreConnection>> ListActiveStoresAsync(CancellationToken cancellationToken)
    {
        var active = new List<StoreConnection>();
        await foreach (var record in Table.QueryAsync<InstallationRecord>(r => r.Status == InstallationStatus.Active, cancellationToken: cancellationToken))
        {
            active.Add(Connection(record));
        }

        return active;
    }

    /// <summary>The stores whose token BigCommerce refused, waiting to be authorized again (a gauge for the operator's alert).</summary>
    public async Task<IReadOnlyList<string>> ListNeedingReauthAsync(CancellationToken cancellationToken)
    {
        var stores = new List<string>();
        await foreach (var record in Table.QueryAsync<InstallationRecord>(r => r.Status == InstallationStatus.NeedsReauth, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            stores.Add(record.PartitionKey);
        }

        return stores;
    }

    /// <summary>Every store the connector has known, whatever its status, for the operator console (one row per store).</summary>
    public async Task<IReadOnlyList<InstallationRecord>> ListAllAsync(CancellationToken cancellationToken)
    {
        var all = new List<InstallationRecord>();
        await foreach (var record in Table.QueryAsync<InstallationRecord>(r => r.RowKey == InstallationRecord.Row, cancellationToken: cancellationToken))
        {
            all.Add(record);
        }

        return all;
    }

    public async Task<StoreConnection?> FindActiveStoreAsync(string storeHash, CancellationToken cancellationToken)
    {
        var record = await FindAsync(storeHash, cancellationToken);
        return record?.Status == InstallationStatus.Active ? Connection(record) : null;
    }

    private static StoreConnection Connection(InstallationRecord record) =>
        new(record.PartitionKey, record.InstalledAt, record.ReactivatedAt, [.. FlowScopeProblems.Of(record).Select(p => p.Flow)]);

    public async Task<InstallationRecord?> FindAsync(string storeHash, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<InstallationRecord>(storeHash, InstallationRecord.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>
    /// Records an install or a reinstall: active again, with its first install time (and so its history) kept. A store that
    /// was not active (uninstalled, or its token refused) is marked reactivated now, for the order poll's recovery.
    /// </summary>
    public Task RecordInstallAsync(InstallationDetails details, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return OptimisticUpdate.ApplyAsync<InstallationRecord>(Table, details.StoreHash, InstallationRecord.Row, current => new InstallationRecord
        {
            Status = InstallationStatus.Active,
            ConnectionMode = details.ConnectionMode,
            Scopes = details.Scopes,
            OwnerId = details.OwnerId,
            InstalledByUserId = details.InstalledByUserId,
            AccountUuid = details.AccountUuid,
            InstalledAt = current?.InstalledAt ?? now,
            LastInstalledAt = now,
            ReactivatedAt = current is { Status: not InstallationStatus.Active } ? now : current?.ReactivatedAt,
        }, cancellationToken);
    }

    public Task MarkUninstalledAsync(string storeHash, CancellationToken cancellationToken) =>
        Change(storeHash, record =>
        {
            record.Status = InstallationStatus.Uninstalled;
            record.UninstalledAt = clock.GetUtcNow();
        }, cancellationToken);

    public async Task MarkNeedsReauthAsync(string storeHash, string reason, CancellationToken cancellationToken)
    {
        await Change(storeHash, record =>
        {
            record.Status = InstallationStatus.NeedsReauth;
            record.LastError = reason;
        }, cancellationToken);
        metrics.StoreMarkedForReauth(storeHash);
    }

    public Task MarkFlowLackingScopeAsync(string storeHash, string flow, string reason, CancellationToken cancellationToken) =>
        Change(storeHash, record =>
        {
            var since = FlowScopeProblems.Of(record).FirstOrDefault(p => p.Flow == flow)?.Since ?? clock.GetUtcNow();
            var problem = new FlowScopeProblem(flow, FlowScopeProblems.ScopeOf(flow), FlowScopeProblems.ActionFor(flow, record.ConnectionMode), reason, since);
            record.FlowsLackingScope = FlowScopeProblems.With(record, problem);
        }, cancellationToken);

    public Task ClearFlowLackingScopeAsync(string storeHash, string flow, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<InstallationRecord>(Table, storeHash, InstallationRecord.Row, current =>
        {
            if (current is null || FlowScopeProblems.Of(current).All(p => p.Flow != flow))
            {
                return null;
            }

            current.FlowsLackingScope = FlowScopeProblems.Without(current, flow);
            return current;
        }, cancellationToken);

    public Task RecordWebhooksStateAsync(string storeHash, string state, CancellationToken cancellationToken) =>
        Change(storeHash, record =>
        {
            record.WebhooksState = state;
            record.WebhooksCheckedAt = clock.GetUtcNow();
        }, cancellationToken);

    public Task RecordDeliveryExceptionAsync(string storeHash, int? errorCode, CancellationToken cancellationToken) =>
        Change(storeHash, record =>
        {
            record.LastDeliveryExceptionAt = clock.GetUtcNow();
            record.LastDeliveryExceptionCode = errorCode;
            record.DeliveryExceptions++;
        }, cancellationToken);

    private Task Change(string storeHash, Action<InstallationRecord> change, CancellationToken cancellationToken) =>
        OptimisticUpdate.ApplyAsync<InstallationRecord>(Table, storeHash, InstallationRecord.Row, current =>
        {
            if (current is null)
            {
                return null; // nothing installed: nothing to change
            }

            change(current);
            return current;
        }, cancellationToken);
}
