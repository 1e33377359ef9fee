using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Inventory;
using Connector.Storage;

namespace Connector.EndToEndTests.Inventory;

/// <summary>Updates in hand at once share one table transaction on Azurite, and a row that lost its race is decided on its own.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class TableGroupCommitTests(AzuriteFixture azurite)
{
    private const string Store = "store-a";

    [Fact]
    public async Task A_group_whose_transaction_conflicts_on_two_rows_lands_every_other_row_and_redoes_those_two_on_what_is_there_now()
    {
        var table = await NewTableAsync();
        // Two rows exist already; eight do not.
        await table.AddEntityAsync(Row("S-01", "Pushed", 1));
        await table.AddEntityAsync(Row("S-02", "Pushed", 1));
        // One update at a time: the first goes alone, the ten behind it wait and go as one group.
        var group = new TableGroupCommit<InventoryEntry>(() => table, maxInFlight: 1);
        var first = group.ApplyAsync(Store, "S-00", _ => Row("S-00", "Pushed", 1), CancellationToken.None);

        var calls = new Dictionary<string, int>();
        var updates = Enumerable.Range(1, 10).Select(i => $"S-{i:00}").Select(sku => group.ApplyAsync(Store, sku, current =>
        {
            lock (calls)
            {
                calls[sku] = calls.GetValueOrDefault(sku) + 1;
            }

            // Another worker writes S-02 (an update) and creates S-07 (an add) after this group read them.
            if (sku == "S-02" && calls[sku] == 1)
            {
                table.UpdateEntity(Row("S-02", "Failing", 5), Azure.ETag.All, TableUpdateMode.Replace);
            }

            if (sku == "S-07" && calls[sku] == 1)
            {
                table.AddEntity(Row("S-07", "UnknownSku", 7));
            }

            var next = current?.Copy() ?? new InventoryEntry { Sku = sku };
            next.Attempts += 10;
            next.Status = "Pushed";
            return next;
        }, CancellationToken.None)).ToList();
        var results = await Task.WhenAll(updates);
        await first;

        var rows = table.Query<InventoryEntry>(e => e.PartitionKey == Store).ToDictionary(e => e.RowKey);
        Assert.Equal(11, rows.Count);
        // Every row has this change once; the two that lost their race have it on top of the other worker's write.
        Assert.Equal(15, rows["S-02"].Attempts);
        Assert.Equal(17, rows["S-07"].Attempts);
        Assert.All(Enumerable.Range(1, 10).Where(i => i is not 2 and not 7), i => Assert.Equal(i <= 2 ? 11 : 10, rows[$"S-{i:00}"].Attempts));
        Assert.All(rows.Values, r => Assert.Equal("Pushed", r.Status));
        Assert.Equal(2, calls["S-02"]);
        Assert.Equal(2, calls["S-07"]);
        // Each caller holds its row's current version: a next change handed it as known is written without a read.
        Assert.All(results, r => Assert.Equal(rows[r!.RowKey].ETag, r.ETag));
    }

    [Fact]
    public async Task A_change_that_writes_nothing_leaves_its_row_and_the_others_of_its_group_land()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Row("K-1", "Pushed", 3));
        var group = new TableGroupCommit<InventoryEntry>(() => table, maxInFlight: 1);
        var first = group.ApplyAsync(Store, "K-0", _ => Row("K-0", "Pushed", 0), CancellationToken.None);

        var unchanged = group.ApplyAsync(Store, "K-1", _ => null, CancellationToken.None);
        var added = group.ApplyAsync(Store, "K-2", _ => Row("K-2", "Pushed", 2), CancellationToken.None);
        await Task.WhenAll(first, unchanged, added);

        Assert.Equal(3, (await unchanged)!.Attempts); // handed back as it is
        Assert.Equal(2, (await table.GetEntityAsync<InventoryEntry>(Store, "K-2")).Value.Attempts);
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("GroupCommit" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private static InventoryEntry Row(string sku, string status, int attempts) =>
        new() { PartitionKey = Store, RowKey = sku, Sku = sku, Status = status, Attempts = attempts };
}
