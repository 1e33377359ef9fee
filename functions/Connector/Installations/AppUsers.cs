using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.Installations;

public sealed class AppUserRecord : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset AddedAt { get; set; }
    public bool IsOwner { get; set; }
}

/// <summary>The Users table (partition = store hash, row = BigCommerce user id): who may open the app.</summary>
public sealed class AppUsers(ConnectorStorage storage, TimeProvider clock)
{
    private TableClient Table => storage.Table(TableNames.Users);

    public async Task AddAsync(string storeHash, long userId, bool isOwner, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(
            new AppUserRecord { PartitionKey = storeHash, RowKey = Key(userId), AddedAt = clock.GetUtcNow(), IsOwner = isOwner },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> ExistsAsync(string storeHash, long userId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<AppUserRecord>(storeHash, Key(userId), cancellationToken: cancellationToken)).HasValue;

    public async Task RemoveAsync(string storeHash, long userId, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(storeHash, Key(userId), ETag.All, cancellationToken);

    private static string Key(long userId) => userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
