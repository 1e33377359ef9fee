namespace Connector.Stores;

/// <summary>
/// A store the connector works for. <see cref="ReactivatedAt"/>: when it last became active again after being inactive
/// (null: never inactive), so work that waited for it is picked up once.
/// </summary>
public sealed record StoreConnection(
    string StoreHash, DateTimeOffset ConnectedAt, DateTimeOffset? ReactivatedAt = null, IReadOnlyCollection<string>? FlowsLackingScope = null)
{
    /// <summary>True when the flow's last run was refused for a missing scope (403).</summary>
    public bool LacksScopeFor(string flow) => FlowsLackingScope?.Contains(flow) == true;
}

/// <summary>
/// Which stores get work. Today the stores come from settings (an API account); the install
/// flow replaces this with the installations registry.
/// </summary>
public interface IStoreDirectory
{
    Task<IReadOnlyList<StoreConnection>> ListActiveStoresAsync(CancellationToken cancellationToken);

    /// <summary>The store if it is active, else null: work for an inactive store waits for it or is dropped, as it can be redone.</summary>
    Task<StoreConnection?> FindActiveStoreAsync(string storeHash, CancellationToken cancellationToken);

    /// <summary>BigCommerce refused the store's token: stop its work until it is authorized again.</summary>
    Task MarkNeedsReauthAsync(string storeHash, string reason, CancellationToken cancellationToken);

    /// <summary>BigCommerce refused one flow for a missing scope (403): that flow is marked with what to do; the others go on.</summary>
    Task MarkFlowLackingScopeAsync(string storeHash, string flow, string reason, CancellationToken cancellationToken);

    /// <summary>The flow's run succeeded: it no longer lacks its scope.</summary>
    Task ClearFlowLackingScopeAsync(string storeHash, string flow, CancellationToken cancellationToken);
}

/// <summary>The access token a store's BigCommerce API calls carry. Never logged, never stored outside the token store.</summary>
public interface IStoreTokenProvider
{
    ValueTask<string> GetAccessTokenAsync(string storeHash, CancellationToken cancellationToken);

    /// <summary>Drops any cached copy, so the next read gets the current token.</summary>
    void Forget(string storeHash);
}
