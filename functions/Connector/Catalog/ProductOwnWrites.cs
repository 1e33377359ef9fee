using Connector.CatalogPush;

namespace Connector.Catalog;

/// <summary>The push's own writes, recorded on the pull's Products ledger (see <see cref="ProductLedgerEntry.OwnWriteVersion"/>).</summary>
public sealed class ProductOwnWrites(ProductLedger ledger, TimeProvider clock) : IOwnCatalogWrites
{
    public Task BeginAsync(string storeHash, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        return Parallel.ForEachAsync(productIds, cancellationToken, async (id, ct) => await ledger.BeginOwnWriteAsync(storeHash, id, at, ct));
    }

    public Task EndAsync(string storeHash, IReadOnlyDictionary<long, DateTimeOffset?> versions, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(versions, cancellationToken, async (v, ct) => await ledger.EndOwnWriteAsync(storeHash, v.Key, v.Value, ct));
}
