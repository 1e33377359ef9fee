namespace Connector.CatalogPush;

/// <summary>
/// No echo: the pull side (BigCommerce → back office) is told which products the push is writing, before the write (so a
/// webhook that beats the write's answer waits), and the version each write made (which the pull then skips).
/// </summary>
public interface IOwnCatalogWrites
{
    /// <returns>
    /// The products an earlier write of which began and never recorded its end (its answer lost, its worker killed):
    /// the caller reads their versions before it writes and hands them to <see cref="ResolveUnendedAsync"/>.
    /// </returns>
    Task<IReadOnlyCollection<long>> BeginAsync(string storeHash, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken);

    /// <param name="currentVersions">Per product with an unended write, its version read before the next write.</param>
    Task ResolveUnendedAsync(string storeHash, IReadOnlyDictionary<long, DateTimeOffset> currentVersions, CancellationToken cancellationToken);

    /// <param name="versions">Per product, the version the write made (null: none known).</param>
    /// <param name="madeNothing">Products with no version whose writes surely made none (refused); any other without one may have landed.</param>
    Task EndAsync(string storeHash, IReadOnlyDictionary<long, DateTimeOffset?> versions, IReadOnlySet<long> madeNothing, CancellationToken cancellationToken);
}
