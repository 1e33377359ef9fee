using Azure;
using Azure.Data.Tables;

namespace Connector.Stores;

/// <summary>A store in the Installations table (partition = store hash, row = "store").</summary>
public sealed class InstallationRecord : ITableEntity
{
    public const string Row = "store";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = InstallationStatus.Active;
    public string ConnectionMode { get; set; } = "api-account";
    public DateTimeOffset InstalledAt { get; set; }
    public string? LastError { get; set; }
}

public static class InstallationStatus
{
    public const string Active = "active";
    public const string Uninstalled = "uninstalled";
    public const string NeedsReauth = "needs-reauth";
}
