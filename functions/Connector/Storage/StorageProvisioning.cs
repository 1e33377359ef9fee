using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Storage;

/// <summary>
/// Creates the connector's tables and queues (each queue with its poison twin) before a host takes work, so a first
/// timer run or message never meets "the table specified does not exist". Both hosts run it at start.
/// Storage may not answer yet (Azurite starting beside the app, a cold account), so it retries until
/// <see cref="ConnectorOptions.StorageStartupTimeout"/>. Where the identity may not create (a 403: in Azure the
/// infrastructure creates them, see infra/modules/storage.bicep), it checks that each one exists and names what is
/// missing and what to do, rather than letting the first run fail on it.
/// </summary>
public sealed class StorageProvisioning(
    TableServiceClient tables,
    QueueServiceClient queues,
    HostedQueues hostedQueues,
    IOptions<ConnectorOptions> options,
    TimeProvider time,
    ILogger<StorageProvisioning> logger)
{
    public IReadOnlyList<string> Tables => TableNames.All;

    public IReadOnlyList<string> Queues =>
        hostedQueues.Names.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }).Distinct(StringComparer.Ordinal).ToList();

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.StorageStartupTimeout;
        var deadline = time.GetUtcNow() + timeout;
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var created = await CreateMissingAsync(cancellationToken);
                logger.LogInformation(
                    "Storage ready after {Attempts} attempt(s): {Tables} table(s) and {Queues} queue(s), {Created} created now",
                    attempt, Tables.Count, Queues.Count, created);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
            {
                await RequireExistingAsync(ex, cancellationToken);
                return;
            }
            catch (Exception ex) when (StorageFaults.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (time.GetUtcNow() >= deadline)
                {
                    throw new InvalidOperationException(
                        $"Storage did not answer within {timeout}. Check the AzureWebJobsStorage setting and that Azurite (npm run azurite) or the storage account is reachable.",
                        ex);
                }

                logger.LogWarning(ex, "Storage not ready (attempt {Attempt}); retrying", attempt);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async Task<int> CreateMissingAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var table in Tables)
        {
            // An existing table answers 409, which the SDK turns into a result rather than a throw.
            var response = await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
            created += response.GetRawResponse().Status == (int)HttpStatusCode.Conflict ? 0 : 1;
        }

        foreach (var queue in Queues)
        {
            created += await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken) is not null ? 1 : 0;
        }

        return created;
    }

    /// <summary>This identity may use storage but not create in it: fine if everything is there, a clear failure if not.</summary>
    private async Task RequireExistingAsync(RequestFailedException refusal, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var table in Tables)
        {
            if (await UsableAsync(() => ReadOneAsync(table, cancellationToken)) is not true)
            {
                missing.Add($"table {table}");
            }
        }

        foreach (var queue in Queues)
        {
            if (await UsableAsync(() => queues.GetQueueClient(queue).PeekMessageAsync(cancellationToken)) is not true)
            {
                missing.Add($"queue {queue}");
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Storage is missing {string.Join(", ", missing)} (or this identity may not even see them), and this identity may not " +
                $"create them ({refusal.ErrorCode ?? "403"}). Deploy the infrastructure (azd provision creates every table and queue) or " +
                "give the app's identity Storage Table Data Contributor and Storage Queue Data Contributor on the account.",
                refusal);
        }

        logger.LogInformation("Storage ready: every table and queue exists (this identity may not create them; the infrastructure did)");
    }

    private async Task ReadOneAsync(string table, CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.GetTableClient(table).QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages())
        {
            return;
        }
    }

    /// <summary>
    /// Whether the app can work with it, by the kind of call the app makes (a read of a message or an entity, which a
    /// data role allows where looking at the queue or table itself may not be): false if it does not exist, null
    /// when the identity may not even read it.
    /// </summary>
    private static async Task<bool?> UsableAsync(Func<Task> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            return null;
        }
    }
}
