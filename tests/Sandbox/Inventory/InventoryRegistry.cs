using System.Collections.Concurrent;

namespace Sandbox.Inventory;

/// <summary>Every store's inventory, made on first use (a new store starts with the default location and no SKUs).</summary>
public sealed class InventoryRegistry(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, StoreInventory> _stores = new(StringComparer.Ordinal);

    public StoreInventory For(string storeHash) => _stores.GetOrAdd(storeHash, _ => new StoreInventory(clock));

    public void Reset() => _stores.Clear();

    public void ResetStats()
    {
        foreach (var store in _stores.Values)
        {
            store.Stats.Reset();
        }
    }
}
