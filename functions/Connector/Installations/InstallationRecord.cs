using Azure;
using Azure.Data.Tables;

namespace Connector.Installations;

/// <summary>
/// A store in the Installations table (partition = store hash, row = "store"). Ids only: the
/// owner's and users' emails are personal data the connector does not need to keep.
/// </summary>
public sealed class InstallationRecord : ITableEntity
{
    public const string Row = "store";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = InstallationStatus.Active;
    public string ConnectionMode { get; set; } = ConnectionModes.OAuth;
    public string? Scopes { get; set; }
    public long? OwnerId { get; set; }
    public long? InstalledByUserId { get; set; }
    public string? AccountUuid { get; set; }
    /// <summary>The first install: orders created earlier are not pulled unless the settings say otherwise.</summary>
    public DateTimeOffset InstalledAt { get; set; }
    public DateTimeOffset? LastInstalledAt { get; set; }
    /// <summary>
    /// The last time the store became active again after being inactive (reinstalled, or authorized again after its token
    /// was refused): the next order poll queues again every order that may still owe the back office a change.
    /// </summary>
    public DateTimeOffset? ReactivatedAt { get; set; }
    public DateTimeOffset? UninstalledAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The flows BigCommerce refused for a missing scope (403), as JSON (<see cref="FlowScopeProblems"/>); null: none.</summary>
    public string? FlowsLackingScope { get; set; }
    /// <summary>When BigCommerce last reported it could not deliver the store's webhooks (store/hook/deliveryException).</summary>
    public DateTimeOffset? LastDeliveryExceptionAt { get; set; }
    public int? LastDeliveryExceptionCode { get; set; }
    public int DeliveryExceptions { get; set; }
    /// <summary>What the last poll found of the store's webhook subscriptions, and when (shown on the app's page).</summary>
    public string? WebhooksState { get; set; }
    public DateTimeOffset? WebhooksCheckedAt { get; set; }
}

public static class InstallationStatus
{
    public const string Active = "active";
    public const string Uninstalled = "uninstalled";
    public const string NeedsReauth = "needs-reauth";
}

public static class ConnectionModes
{
    /// <summary>Installed as a single-click app through BigCommerce's OAuth flow.</summary>
    public const string OAuth = "oauth";

    /// <summary>Connected with a store-level API account's access token, entered by an operator.</summary>
    public const string ApiAccount = "api-account";
}
