namespace Connector.Inventory;

/// <summary>What the ledger knows of one SKU, as the scan sees it.</summary>
public sealed record PushedState(IReadOnlyDictionary<long, int> Pushed, InventoryStatus Status, IReadOnlyDictionary<long, int> Attempted);

/// <summary>Change detection: which locations of one SKU must be pushed, given what was last pushed.</summary>
public static class InventoryChanges
{
    /// <returns>The locations (and quantities) to push; empty when nothing changed.</returns>
    public static IReadOnlyDictionary<long, int> Detect(IReadOnlyDictionary<long, int> wanted, PushedState? state, bool force)
    {
        if (force || state is null)
        {
            return wanted;
        }

        // A SKU BigCommerce does not know is tried again only when its quantity changes (or on a forced resync).
        var baseline = state.Status == InventoryStatus.UnknownSku ? state.Attempted : state.Pushed;
        return wanted
            .Where(w => !baseline.TryGetValue(w.Key, out var last) || last != w.Value)
            .ToDictionary(w => w.Key, w => w.Value);
    }
}
