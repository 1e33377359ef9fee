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

        var baseline = Baseline(state);
        return Compare(wanted, location => baseline.TryGetValue(location, out var last) ? last : null, force);
    }

    /// <summary>The same, with the last quantity of each location looked up (null: none), as <see cref="LedgerBaseline"/> keeps them.</summary>
    public static IReadOnlyDictionary<long, int> Compare(IReadOnlyDictionary<long, int> wanted, Func<long, int?> last, bool force) =>
        force ? wanted : wanted.Where(w => last(w.Key) != w.Value).ToDictionary(w => w.Key, w => w.Value);

    /// <summary>
    /// The quantities a SKU's new ones are compared with: the pushed ones, or for a SKU BigCommerce does not know the ones
    /// last attempted (it is tried again only when its quantity changes, or on a forced resync).
    /// </summary>
    public static IReadOnlyDictionary<long, int> Baseline(PushedState state) =>
        state.Status == InventoryStatus.UnknownSku ? state.Attempted : state.Pushed;
}
