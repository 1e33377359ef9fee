using System.Collections.Concurrent;
using Connector.CatalogPush;

namespace Connector.Catalog;

/// <summary>The push's own writes, recorded on the pull's Products ledger (see <see cref="ProductLedgerEntry.OwnWriteVersion"/>).</summary>
public sealed class ProductOwnWrites(ProductLedger ledger, TimeProvider clock) : IOwnCatalogWrites
{
    public async Task<IReadOnlyCollection<long>> BeginAsync(string storeHash, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var unended = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(productIds, cancellationToken, async (id, ct) =>
        {
            if (await ledger.BeginOwnWriteAsync(storeHash, id, at, ct))
            {
                unended.Add(id);
            }
        });
        return unended;
    }

    public Task ResolveUnendedAsync(string storeHash, IReadOnlyDictionary<long, DateTimeOffset> currentVersions, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(currentVersions, cancellationToken, async (v, ct) => await ledger.ResolveUnendedWriteAsync(storeHash, v.Key, v.Value, ct));

    public Task EndAsync(string storeHash, IReadOnlyDictionary<long, DateTimeOffset?> versions, IReadOnlySet<long> madeNothing, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(versions, cancellationToken, async (v, ct) => await ledger.EndOwnWriteAsync(storeHash, v.Key, v.Value, madeNothing.Contains(v.Key), ct));
}
