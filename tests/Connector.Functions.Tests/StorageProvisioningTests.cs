using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Queues;
using Azure.Storage.Sas;
using Connector.Functions.Tests.Infrastructure;
using Connector.Hosting;
using Connector.Storage;

namespace Connector.Functions.Tests;

/// <summary>
/// The app on a storage account it has never seen: under the real Functions host a first timer run used to fail with
/// "The table specified does not exist", because only LocalHost created the tables and queues. Each test has a fresh
/// Azurite of its own.
/// </summary>
public sealed class StorageProvisioningTests
{
    [Fact]
    public async Task On_fresh_storage_the_app_creates_its_tables_and_queues_before_the_first_timer_run()
    {
        await using var fresh = await FreshAzuriteAsync();
        await using var system = await FunctionsAppSystem.StartAsync(fresh);

        await system.ProvisionStorageAsync();
        await system.RunTimerAsync("OrderPoll");
        await system.RunTimerAsync("InventoryPush");

        var tables = new TableServiceClient(fresh.ConnectionString);
        var queues = new QueueServiceClient(fresh.ConnectionString);
        var tableNames = new List<string>();
        await foreach (var table in tables.QueryAsync())
        {
            tableNames.Add(table.Name);
        }

        Assert.Equal(TableNames.All.Order(StringComparer.Ordinal), tableNames.Order(StringComparer.Ordinal));
        Assert.All(QueueNames.All.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }), q => Assert.True(queues.GetQueueClient(q).Exists().Value, q));
    }

    [Fact]
    public async Task An_identity_that_may_not_create_is_told_exactly_what_is_missing()
    {
        await using var fresh = await FreshAzuriteAsync();
        // A queue the infrastructure created is not reported; everything else is.
        await new QueueServiceClient(fresh.ConnectionString).GetQueueClient(QueueNames.Orders).CreateAsync();

        await using var system = await FunctionsAppSystem.StartAsync(fresh, s => s["AzureWebJobsStorage"] = WithoutCreatePermission(fresh));
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(system.ProvisionStorageAsync);

        Assert.Contains("may not create", refusal.Message, StringComparison.Ordinal);
        Assert.All(TableNames.All, t => Assert.Contains($"table {t}", refusal.Message, StringComparison.Ordinal));
        Assert.Contains($"queue {QueueNames.PoisonOf(QueueNames.Orders)}", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain($"queue {QueueNames.Orders},", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Storage Table Data Contributor", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_that_may_not_create_starts_when_the_infrastructure_created_everything()
    {
        await using var fresh = await FreshAzuriteAsync();
        await using (var provisioner = await FunctionsAppSystem.StartAsync(fresh))
        {
            await provisioner.ProvisionStorageAsync();
        }

        await using var system = await FunctionsAppSystem.StartAsync(fresh, s => s["AzureWebJobsStorage"] = WithoutCreatePermission(fresh));
        await system.ProvisionStorageAsync();
        await system.RunTimerAsync("OrderPoll");
    }

    /// <summary>
    /// A connection string that may work with messages and entities but not create queues or tables, as a data role
    /// without those rights: an account SAS that may read, add, update, process and delete, but not write (for queues
    /// and tables, creating one is what write allows).
    /// </summary>
    private static string WithoutCreatePermission(AzuriteServer azurite)
    {
        var sas = new AccountSasBuilder(
            AccountSasPermissions.Read | AccountSasPermissions.Delete | AccountSasPermissions.List |
            AccountSasPermissions.Add | AccountSasPermissions.Update | AccountSasPermissions.Process,
            DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Queues | AccountSasServices.Tables, AccountSasResourceTypes.All)
            .ToSasQueryParameters(new StorageSharedKeyCredential(AzuriteServer.AccountName, AzuriteServer.AccountKey)).ToString();
        return $"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/{AzuriteServer.AccountName};" +
               $"TableEndpoint=http://127.0.0.1:{azurite.TablePort}/{AzuriteServer.AccountName};SharedAccessSignature={sas}";
    }

    private static async Task<OwnedAzurite> FreshAzuriteAsync()
    {
        var azurite = new OwnedAzurite();
        await azurite.InitializeAsync();
        return azurite;
    }

    private sealed class OwnedAzurite : AzuriteServer, IAsyncDisposable
    {
        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
