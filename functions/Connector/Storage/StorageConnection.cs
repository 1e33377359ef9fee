using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Connector.Storage;

/// <summary>
/// The storage account the Functions host uses (AzureWebJobsStorage), for the connector's own tables and
/// queues: a connection string locally (Azurite), or in Azure an identity-based connection
/// (<c>AzureWebJobsStorage__accountName</c>, <c>__clientId</c>) with no key anywhere.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? TableUri, Uri? QueueUri, TokenCredential? Credential)
{
    public const string Setting = "AzureWebJobsStorage";

    public static StorageConnection From(IConfiguration configuration)
    {
        if (configuration[Setting] is { Length: > 0 } connectionString)
        {
            return new StorageConnection(connectionString, null, null, null);
        }

        var section = configuration.GetSection(Setting);
        if (section["accountName"] is not { Length: > 0 } account)
        {
            throw new InvalidOperationException(
                $"Set {Setting} (a connection string) or {Setting}__accountName (an identity-based connection) to the storage account.");
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageConnection(null,
            section["tableServiceUri"] is { Length: > 0 } table ? new Uri(table) : new Uri($"https://{account}.table.core.windows.net"),
            section["queueServiceUri"] is { Length: > 0 } queue ? new Uri(queue) : new Uri($"https://{account}.queue.core.windows.net"),
            credential);
    }
}
