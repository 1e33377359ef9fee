using Connector.EndToEndTests.Infrastructure;
using Connector.Shipments;
using Connector.Storage;

namespace Connector.EndToEndTests.Shipments;

/// <summary>
/// Each BigCommerce shipment is checked against the back-office shipments of its order (is it the connector's own?): those
/// are read by key from the order's list, never by filtering the store's shipments, which Azure Tables answers by scanning
/// every shipment the store ever had. An order whose shipments began before the list was kept is still searched.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class OrderShipmentListTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_shipments_an_order_started_are_read_by_key_among_many_of_other_orders()
    {
        var (tables, ledger, store) = await NewLedgerAsync();
        for (var order = 1; order <= 40; order++)
        {
            await StartAsync(ledger, store, order, $"P-{order}");
        }

        await StartAsync(ledger, store, 7, "P-7b");
        await StartAsync(ledger, store, 7, "P-7b"); // the same shipment's second attempt
        tables.Clear();

        var shipments = await ledger.ListOrderShipmentsAsync(store, 7, CancellationToken.None);

        Assert.Equal(["P-7", "P-7b"], shipments.Select(s => s.BackOfficeId).Order(StringComparer.Ordinal));
        Assert.All(shipments, s => Assert.Equal(FulfilmentState.Writing, s.State));
        Assert.Empty(tables.Queries);
        Assert.Equal(3, tables.Requests.Count); // the order's row, then its two shipments
        Assert.Empty(await ledger.ListOrderShipmentsAsync(store, 99, CancellationToken.None));
    }

    [Fact]
    public async Task An_order_whose_shipments_began_before_the_list_was_kept_is_searched_and_keeps_being_so()
    {
        var (tables, ledger, store) = await NewLedgerAsync();
        // As an earlier version left it: the shipment written, the order counting it, no list of ids.
        await MoveToWritingAsync(ledger, store, 5, "OLD-1");
        await ledger.UpdateOrderAsync(store, 5, o => o.ShipmentsStarted++, CancellationToken.None);
        await StartAsync(ledger, store, 6, "P-6");
        await StartAsync(ledger, store, 5, "NEW-1");
        tables.Clear();

        var shipments = await ledger.ListOrderShipmentsAsync(store, 5, CancellationToken.None);

        Assert.Equal(["NEW-1", "OLD-1"], shipments.Select(s => s.BackOfficeId).Order(StringComparer.Ordinal));
        Assert.Single(tables.Queries);
        Assert.Equal(["P-6"], (await ledger.ListOrderShipmentsAsync(store, 6, CancellationToken.None)).Select(s => s.BackOfficeId));
    }

    [Fact]
    public async Task An_order_with_more_parcels_than_its_row_can_name_is_searched_and_none_is_missed()
    {
        var (tables, ledger, store) = await NewLedgerAsync();
        // Ids of 100 characters: the row's list fills up after about 290 of them.
        var ids = Enumerable.Range(1, 320).Select(i => $"{i:000}-" + new string('x', 96)).ToList();
        foreach (var id in ids)
        {
            await StartAsync(ledger, store, 8, id);
        }

        tables.Clear();
        var shipments = await ledger.ListOrderShipmentsAsync(store, 8, CancellationToken.None);

        Assert.Equal(ids, shipments.Select(s => s.BackOfficeId).Order(StringComparer.Ordinal));
        Assert.Single(tables.Queries);
    }

    private async Task<(RecordedTables Tables, FulfilmentLedger Ledger, string Store)> NewLedgerAsync()
    {
        var tables = new RecordedTables(azurite.ConnectionString);
        var storage = new ConnectorStorage(tables.Client, new Azure.Storage.Queues.QueueServiceClient(azurite.ConnectionString));
        await storage.Table(TableNames.Shipments).CreateIfNotExistsAsync();
        return (tables, new FulfilmentLedger(storage), "store-" + Guid.NewGuid().ToString("N")[..8]);
    }

    /// <summary>What the shipment writer does before its POST: names the shipment on the order, then moves it to writing.</summary>
    private static async Task StartAsync(FulfilmentLedger ledger, string store, long orderId, string id)
    {
        await ledger.RecordShipmentStartedAsync(store, orderId, id, CancellationToken.None);
        await MoveToWritingAsync(ledger, store, orderId, id);
    }

    private static Task MoveToWritingAsync(FulfilmentLedger ledger, string store, long orderId, string id) =>
        ledger.MoveAsync(store, Record(store, orderId, id), FulfilmentState.Writing, e => e.Attempts++, Now, CancellationToken.None);

    private static FulfilmentRecord Record(string store, long orderId, string id) =>
        new(new BackOfficeShipment(id, store, orderId, [], "1Z999", "ups", null, null, Now, null, null), null);
}
