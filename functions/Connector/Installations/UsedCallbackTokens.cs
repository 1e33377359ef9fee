using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>
/// The UsedCallbackTokens table (partition = store hash, row = SHA-256 of the JWT's id): the one-shot callbacks
/// (uninstall, remove_user) a store's tokens have already done, so a captured token cannot do it again. In a table,
/// not in memory, because every instance must refuse the replay. A row is needed only while its token could still
/// verify; each write sweeps the store's expired rows, so the table stays as small as the store's recent callbacks.
/// </summary>
public sealed class UsedCallbackTokens(ConnectorStorage storage, TimeProvider clock, ILogger<UsedCallbackTokens> logger)
{
    private TableClient Table => storage.Table(TableNames.UsedCallbackTokens);

    public async Task<bool> WasUsedAsync(string storeHash, string tokenId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(storeHash, Key(tokenId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>Remembers the token until <paramref name="expiresAt"/> (the verifier's skew added: until then it could still verify).</summary>
    public async Task RecordAsync(string storeHash, string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await Table.UpsertEntityAsync(new TableEntity(storeHash, Key(tokenId))
        {
            ["ExpiresAt"] = expiresAt + BigCommerce.SignedPayloadVerifier.ClockSkew,
        }, TableUpdateMode.Replace, cancellationToken);
        await ForgetExpiredAsync(storeHash, cancellationToken);
    }

    /// <summary>Best effort: the callback's work is done and its token recorded; expired rows left now go on a later write.</summary>
    private async Task ForgetExpiredAsync(string storeHash, CancellationToken cancellationToken)
    {
        try
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {storeHash} and ExpiresAt lt {clock.GetUtcNow()}");
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            logger.LogWarning(ex, "Expired callback tokens of store {StoreHash} not cleaned up", storeHash);
        }
    }

    // A jti is the sender's text: hashed, it is always a valid row key (no '/', '#', '?') and says nothing.
    private static string Key(string tokenId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(tokenId)));
}
