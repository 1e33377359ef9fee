using System.Collections.Concurrent;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Connector.Stores;
using Microsoft.Extensions.Options;

namespace Connector.Secrets;

/// <summary>
/// Every store's access token, one Key Vault secret per store, and nowhere else. Read through a short
/// in-memory cache; never logged, never returned to a caller outside the BigCommerce client.
/// </summary>
public sealed class StoreTokenVault(SecretClient secrets, IOptions<KeyVaultOptions> options, TimeProvider clock) : IStoreTokenProvider
{
    public const string SecretPrefix = "store-token-";

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The vault read under way per store. Many callers missing the cache at once (a poll fanning out, a burst of
    /// webhooks) share it instead of each sending its own request to Key Vault, which throttles.
    /// </summary>
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> reads = new(StringComparer.Ordinal);

    public static string SecretName(string storeHash) => SecretPrefix + storeHash;

    public async ValueTask<string> GetAccessTokenAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(storeHash, out var cached) && cached.Until > clock.GetUtcNow())
        {
            return cached.Token;
        }

        // GetOrAdd may build a Lazy it then discards, but only the stored one is ever started. The shared read does not
        // take this caller's cancellation (others wait on it too); each caller stops waiting on its own.
        var read = reads.GetOrAdd(storeHash, static (key, vault) => vault.NewRead(key), this);
        return await read.Value.WaitAsync(cancellationToken);
    }

    private Lazy<Task<string>> NewRead(string storeHash)
    {
        Lazy<Task<string>>? self = null;
        self = new Lazy<Task<string>>(async () =>
        {
            try
            {
                var secret = await secrets.GetSecretAsync(SecretName(storeHash), cancellationToken: CancellationToken.None);
                // Forget or SaveAsync while this read was under way dropped it: its value may be the token just replaced.
                if (reads.TryGetValue(storeHash, out var current) && ReferenceEquals(current, self))
                {
                    cache[storeHash] = (secret.Value.Value, clock.GetUtcNow() + options.Value.TokenCacheDuration);
                }

                return secret.Value.Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                throw new StoreTokenMissingException(storeHash);
            }
            finally
            {
                reads.TryRemove(KeyValuePair.Create(storeHash, self!));
            }
        });
        return self;
    }

    /// <summary>Forgets the cached token, so the next call reads the vault (after a reinstall replaced it).</summary>
    public void Forget(string storeHash)
    {
        reads.TryRemove(storeHash, out _);
        cache.TryRemove(storeHash, out _);
    }

    /// <summary>Stores a new token for the store, replacing any earlier one, including one soft-deleted at an uninstall.</summary>
    public async Task SaveAsync(string storeHash, string token, CancellationToken cancellationToken)
    {
        var secret = new KeyVaultSecret(SecretName(storeHash), token) { Properties = { ContentType = "bigcommerce-access-token", Tags = { ["store"] = storeHash } } };
        try
        {
            await secrets.SetSecretAsync(secret, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The vault keeps deleted secrets (soft delete, purge protection): a store that comes back
            // recovers its secret's name, then gets its new token as a new version.
            var recovery = await secrets.StartRecoverDeletedSecretAsync(SecretName(storeHash), cancellationToken);
            await recovery.WaitForCompletionAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
            await secrets.SetSecretAsync(secret, cancellationToken);
        }

        reads.TryRemove(storeHash, out _); // a read that started before this write must not cache the older token
        cache[storeHash] = (token, clock.GetUtcNow() + options.Value.TokenCacheDuration);
    }

    /// <summary>Deletes the store's token (soft delete: the vault's retention and purge protection apply).</summary>
    public async Task DeleteAsync(string storeHash, CancellationToken cancellationToken)
    {
        Forget(storeHash);
        try
        {
            var deletion = await secrets.StartDeleteSecretAsync(SecretName(storeHash), cancellationToken);
            await deletion.WaitForCompletionAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: an uninstall repeated, or an install that never finished.
        }
    }
}

/// <summary>The vault has no token for the store: it was uninstalled, or its install never finished.</summary>
public sealed class StoreTokenMissingException(string storeHash)
    : Exception($"Key Vault holds no access token for store {storeHash}.")
{
    public string StoreHash { get; } = storeHash;
}
