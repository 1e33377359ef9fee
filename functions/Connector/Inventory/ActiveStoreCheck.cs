using Connector.Stores;

namespace Connector.Inventory;

/// <summary>
/// The inventory queue's check that a message's store is still active. After a scan a worker holds hundreds of one
/// store's messages at once; those that ask while a read of the store's installation row is under way take that read's
/// answer instead of reading it again each (a read begun at most that read's duration before they asked). Nothing is
/// remembered once the read is answered, so an uninstall is seen by the next message as before.
/// </summary>
public sealed class ActiveStoreCheck(IStoreDirectory stores)
{
    private readonly Dictionary<string, Task<StoreConnection?>> _reading = new(StringComparer.Ordinal);

    public Task<StoreConnection?> FindActiveStoreAsync(string storeHash, CancellationToken cancellationToken)
    {
        Task<StoreConnection?> read;
        lock (_reading)
        {
            if (!_reading.TryGetValue(storeHash, out read!))
            {
                _reading[storeHash] = read = ReadAsync(storeHash);
            }
        }

        return read.WaitAsync(cancellationToken);
    }

    private async Task<StoreConnection?> ReadAsync(string storeHash)
    {
        // Yield first: the read must be in the dictionary before it can finish and take itself out.
        await Task.Yield();
        try
        {
            return await stores.FindActiveStoreAsync(storeHash, CancellationToken.None);
        }
        finally
        {
            lock (_reading)
            {
                _reading.Remove(storeHash);
            }
        }
    }
}
