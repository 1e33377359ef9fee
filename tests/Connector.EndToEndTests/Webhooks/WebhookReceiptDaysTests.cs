using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.EndToEndTests.Infrastructure;
using Connector.Storage;
using Connector.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connector.EndToEndTests.Webhooks;

/// <summary>
/// Receipts are kept by store and day of the event: a copy of a callback finds its receipt whatever day it arrives, and the
/// clean-up deletes past days by key, never scanning the days it keeps (a filter on another column than the keys makes
/// Azure Tables read the whole partition: every callback of a busy store's last three days, every 15 minutes).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WebhookReceiptDaysTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_copy_arriving_days_later_is_still_dropped_and_the_clean_up_deletes_past_days_without_scanning_the_kept_ones()
    {
        var tables = new RecordedTables(azurite.ConnectionString);
        await tables.Client.CreateTableIfNotExistsAsync(TableNames.WebhookReceipts);
        var clock = new ManualClock(Now.AddDays(-6));
        var receipts = new WebhookReceipts(new ConnectorStorage(tables.Client, new QueueServiceClient(azurite.ConnectionString)), clock, NullLogger<WebhookReceipts>.Instance);
        var store = "days" + Guid.NewGuid().ToString("N")[..8];
        var none = CancellationToken.None;
        var acted = new List<string>();
        Task Act(string id, DateTimeOffset? eventAt, string copy) =>
            receipts.ActOnceAsync(store, id, eventAt, copy, "store/order/created", 1, _ => { acted.Add(id); return Task.CompletedTask; }, none);

        // Events of six days ago, four days ago (120 of them, more than a transaction), yesterday, and one without a time.
        await Act("six-days", Now.AddDays(-6), "a");
        clock.AdvanceTo(Now.AddDays(-4));
        await receipts.ClaimAllAsync(store, [.. Enumerable.Range(0, 120).Select(i => ($"four-days-{i}", (DateTimeOffset?)Now.AddDays(-4).AddMinutes(i), "order", (long)i))], "batch", none);
        clock.AdvanceTo(Now.AddDays(-1));
        await Act("yesterday", Now.AddDays(-1), "a");
        await Act("no-time", null, "a");

        // BigCommerce's retry of yesterday's event arrives today: the same event, the same day, dropped.
        clock.AdvanceTo(Now);
        await Act("yesterday", Now.AddDays(-1), "b");
        Assert.Equal(["six-days", "yesterday", "no-time"], acted);

        tables.Clear();
        var forgotten = await receipts.ForgetOlderThanAsync(store, Now - WebhookReceipts.Keep, none);
        var filters = tables.Queries.Select(uri => Uri.UnescapeDataString(uri.Query)).ToList();

        Assert.Equal(121, forgotten);
        var left = new List<(string Partition, string Id)>();
        await foreach (var row in tables.Client.GetTableClient(TableNames.WebhookReceipts).QueryAsync<TableEntity>($"PartitionKey ge '{store}' and PartitionKey lt '{store}~'"))
        {
            left.Add((row.PartitionKey, row.RowKey));
        }

        // The store's own partition holds only the receipt without a time: the one partition still searched by date.
        Assert.Equal([(store, "no-time"), (WebhookReceipts.PartitionOf(store, Now.AddDays(-1)), "yesterday")], left.Order());
        // Past days read by their partition alone; the kept days never read.
        Assert.DoesNotContain(filters, f => f.Contains(WebhookReceipts.PartitionOf(store, Now.AddDays(-1)), StringComparison.Ordinal));
        Assert.Single(filters, f => f.Contains("ReceivedAt", StringComparison.Ordinal) && f.Contains($"PartitionKey eq '{store}'", StringComparison.Ordinal));
        Assert.All(filters.Where(f => !f.Contains("ReceivedAt", StringComparison.Ordinal)),
            f => Assert.Matches(@"\$filter=PartitionKey eq '[^']+'(&|$)", f));
    }
}
