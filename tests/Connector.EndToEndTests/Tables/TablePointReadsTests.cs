using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Orders;
using Connector.Storage;

namespace Connector.EndToEndTests.Tables;

/// <summary>
/// Rows read by their keys are read by point queries, each served from the table's index: never one query naming the keys
/// with "or", which Azure Tables serves by scanning the whole partition (a store's ledger: every order or SKU it has).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TablePointReadsTests(AzuriteFixture azurite)
{
    private const string Store = "store-a";

    [Fact]
    public async Task Rows_asked_for_by_key_come_back_from_point_reads_with_the_missing_ones_left_out()
    {
        var tables = new RecordedTables(azurite.ConnectionString);
        var table = tables.Client.GetTableClient("PointReads" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        // A store with a ledger far larger than what is asked for, and another store's rows with the same keys.
        await AddAsync(table, Store, Enumerable.Range(1, 300));
        await AddAsync(table, "store-b", Enumerable.Range(1, 20));
        tables.Clear();

        var asked = new[] { "5", "17", "17", "120", "299", "301", "9999" };
        var found = await TablePointReads.ReadAsync<TableEntity>(table, Store, asked, CancellationToken.None);

        Assert.Equal(["120", "17", "299", "5"], found.Keys.Order(StringComparer.Ordinal));
        Assert.All(found, row => Assert.Equal((Store, row.Key), (row.Value.PartitionKey, row.Value.GetString("Mark"))));
        // One request a distinct key, each a point query: nothing the service scans.
        Assert.Equal(6, tables.Requests.Count);
        Assert.Empty(tables.Queries);
        Assert.All(tables.Requests, uri => Assert.Contains($"(PartitionKey='{Store}',RowKey='", Uri.UnescapeDataString(uri.AbsolutePath), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_order_ledger_finds_a_batch_of_orders_by_point_reads()
    {
        var tables = new RecordedTables(azurite.ConnectionString);
        var storage = new ConnectorStorage(tables.Client, new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString));
        var table = storage.Table(TableNames.Orders);
        await table.CreateIfNotExistsAsync();
        var store = "store-" + Guid.NewGuid().ToString("N")[..8];
        await AddAsync(table, store, Enumerable.Range(100, 50));
        tables.Clear();

        var ledger = new OrderLedger(storage, new AttentionIndex(storage));
        var entries = await ledger.FindManyAsync(store, [101, 149, 150, 101], CancellationToken.None);

        Assert.Equal([101L, 149L], entries.Keys.Order());
        Assert.Equal(3, tables.Requests.Count);
        Assert.Empty(tables.Queries);
    }

    private static async Task AddAsync(TableClient table, string partition, IEnumerable<int> keys)
    {
        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(partition, k.ToString(System.Globalization.CultureInfo.InvariantCulture)) { ["Mark"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        }
    }
}
