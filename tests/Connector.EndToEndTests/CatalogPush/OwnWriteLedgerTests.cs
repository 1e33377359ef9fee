using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Catalog;
using Connector.EndToEndTests.Infrastructure;
using Connector.Storage;

namespace Connector.EndToEndTests.CatalogPush;

/// <summary>No echo on the Products ledger in real storage: what the pull sees of the push's writes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class OwnWriteLedgerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_push_write_whose_outcome_is_unknown_keeps_the_product_marked_until_a_later_write_of_it_ends()
    {
        var (ledger, store) = await NewLedgerAsync();
        var at = DateTimeOffset.UtcNow;
        var none = CancellationToken.None;

        // The write's answer was lost: it may have landed, in a version the connector does not know.
        await ledger.BeginOwnWriteAsync(store, 7, at, none);
        await ledger.EndOwnWriteAsync(store, 7, null, madeNothing: false, none);
        Assert.Equal(ProductClaim.OwnWriteUnderway, await ledger.TryClaimAsync(store, 7, at.AddSeconds(1), "webhook", at.AddSeconds(5), at.AddMinutes(2), none));

        // The retry's write ends with its version: that one is the push's own, and a merchant's later one is sent.
        await ledger.BeginOwnWriteAsync(store, 7, at.AddSeconds(10), none);
        await ledger.EndOwnWriteAsync(store, 7, at.AddSeconds(11), madeNothing: false, none);
        var entry = await ledger.FindAsync(store, 7, none);
        Assert.False(entry!.OwnWriteUnderway(at.AddSeconds(12)));
        Assert.True(entry.IsOwnWrite(at.AddSeconds(11)));
        Assert.Equal(ProductClaim.Send, await ledger.TryClaimAsync(store, 7, at.AddSeconds(20), "webhook", at.AddSeconds(21), at.AddMinutes(2), none));
    }

    [Fact]
    public async Task A_refused_push_write_made_nothing_and_holds_no_version_back()
    {
        var (ledger, store) = await NewLedgerAsync();
        var at = DateTimeOffset.UtcNow;
        var none = CancellationToken.None;

        await ledger.BeginOwnWriteAsync(store, 7, at, none);
        await ledger.EndOwnWriteAsync(store, 7, null, madeNothing: true, none);

        Assert.Equal(ProductClaim.Send, await ledger.TryClaimAsync(store, 7, at.AddSeconds(1), "webhook", at.AddSeconds(5), at.AddMinutes(2), none));
    }

    /// <summary>The Products ledger on Azurite, and a store of its own.</summary>
    private async Task<(ProductLedger Ledger, string Store)> NewLedgerAsync()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableIfNotExistsAsync(TableNames.Products);
        return (new ProductLedger(new ConnectorStorage(tables, new QueueServiceClient(azurite.ConnectionString))), "own" + Guid.NewGuid().ToString("N")[..8]);
    }
}
