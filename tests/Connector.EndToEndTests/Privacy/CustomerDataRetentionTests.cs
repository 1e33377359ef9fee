using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.EndToEndTests.Infrastructure;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Microsoft.Extensions.Logging;

namespace Connector.EndToEndTests.Privacy;

/// <summary>
/// What the connector keeps about customers: nothing of an order's contents at rest, and the back office's text about
/// an order (which may quote the customer) only for the store's data retention period; never in a log.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CustomerDataRetentionTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_the_retention_no_customer_name_email_phone_or_address_remains_in_tables_queues_or_logs()
    {
        var logs = new CapturedLogs();
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions
        {
            Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Debug" },
            Configure = b => b.Logging.AddProvider(logs),
        });
        var ids = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);
        var customer = (await system.Admin.GetOrderAsync(system.StoreHash, ids[0]))["order"]!["billing_address"]!;
        var personal = new[] { "first_name", "last_name", "email", "phone", "street_1" }
            .Select(f => customer[f]?.GetValue<string>()).OfType<string>().Where(v => v.Length >= 4).ToList();
        Assert.True(personal.Count >= 4, "the sandbox's order has a customer to look for");
        // The back office refuses one order quoting its customer, as ERPs do.
        var quote = $"No credit account for {string.Join(", ", personal)}";
        await system.Admin.RejectOrdersAsync(system.StoreHash, [ids[0]], 422, quote);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(ids[0]))?.Status == OrderLedgerStatus.Rejected
                                               && (await system.Admin.DeliveriesAsync(system.StoreHash)).Orders.Count == 2,
            "one order refused, the others delivered", Settle);
        // Within the retention the merchant sees why, quote and all.
        Assert.Contains(personal[0], (await system.LedgerAsync(ids[0]))!.LastError, StringComparison.Ordinal);

        // Retention 0 days: the next poll's housekeeping removes the text.
        var settings = system.Service<StoreSettings>();
        var orders = await settings.GetOrderSettingsAsync(system.StoreHash, CancellationToken.None);
        await settings.SaveOrderSettingsAsync(system.StoreHash, orders with { DataRetentionDays = 0 }, CancellationToken.None);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.LedgerAsync(ids[0]))?.LastError == CustomerDataRetention.Removed,
            "the back office's text removed", Settle);

        var atRest = await EverythingStoredAsync(azurite);
        var logged = string.Join('\n', logs.Lines);
        Assert.NotEmpty(logs.Lines);
        Assert.All(personal, value =>
        {
            Assert.DoesNotContain(value, atRest, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(value, logged, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>Every property of every row of every table, and every message (poison included) of every queue.</summary>
    private static async Task<string> EverythingStoredAsync(AzuriteServer azurite)
    {
        var text = new StringBuilder();
        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in row)
                {
                    text.Append(key).Append('=').Append(value).Append('\n');
                }
            }
        }

        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        foreach (var name in QueueNames.All.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }))
        {
            var queue = queues.GetQueueClient(name);
            if (await queue.ExistsAsync())
            {
                foreach (var message in (await queue.PeekMessagesAsync(32)).Value)
                {
                    text.Append(message.Body).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
