namespace Connector.CatalogPush;

/// <summary>
/// No echo: the pull side (BigCommerce → back office) is told which products the push is writing, before the write (so a
/// webhook that beats the write's answer waits), and the version each write made (which the pull then skips).
/// </summary>
public interface IOwnCatalogWrites
{
    Task BeginAsync(string storeHash, IReadOnlyCollection<long> productIds, CancellationToken cancellationToken);

    /// <param name="versions">Per product, the version the write made (null: unknown, the write failed).</param>
    Task EndAsync(string storeHash, IReadOnlyDictionary<long, DateTimeOffset?> versions, CancellationToken cancellationToken);
}
