using Connector.Inventory;

namespace Connector.Tests.Inventory;

/// <summary>The scan's compact copy of the ledger decides as the ledger's rows would (as <see cref="InventoryChanges.Detect"/> on the rows).</summary>
public sealed class LedgerBaselineTests
{
    private static readonly Dictionary<long, int> Wanted = new() { [1] = 5, [2] = 7 };

    [Fact]
    public void A_sku_not_in_the_ledger_pushes_every_location()
    {
        var baseline = new LedgerBaseline();
        baseline.Add(Entry("OTHER", nameof(InventoryStatus.Pushed), pushed: new() { [1] = 5, [2] = 7 }));

        Assert.Equal(Wanted, baseline.Changes("X", Wanted, force: false));
    }

    [Fact]
    public void Only_the_locations_whose_quantity_moved_are_pushed_and_a_forced_resync_pushes_all()
    {
        var baseline = new LedgerBaseline();
        baseline.Add(Entry("X", nameof(InventoryStatus.Pushed), pushed: new() { [1] = 5, [2] = 6 }));
        baseline.Add(Entry("Y", nameof(InventoryStatus.Pushed), pushed: new() { [1] = 5, [2] = 7 }));

        Assert.Equal(new Dictionary<long, int> { [2] = 7 }, baseline.Changes("X", Wanted, force: false));
        Assert.Empty(baseline.Changes("Y", Wanted, force: false));
        Assert.Equal(Wanted, baseline.Changes("Y", Wanted, force: true));
    }

    [Fact]
    public void A_sku_unknown_to_BigCommerce_is_compared_with_what_was_last_attempted()
    {
        var baseline = new LedgerBaseline();
        baseline.Add(Entry("X", nameof(InventoryStatus.UnknownSku), claims: new() { [1] = 5, [2] = 7 }));
        baseline.Add(Entry("Y", nameof(InventoryStatus.UnknownSku), claims: new() { [1] = 5, [2] = 1 }));

        Assert.Empty(baseline.Changes("X", Wanted, force: false));
        Assert.Equal(new Dictionary<long, int> { [2] = 7 }, baseline.Changes("Y", Wanted, force: false));
    }

    [Fact]
    public void Skus_that_differ_only_in_case_or_by_a_character_are_told_apart()
    {
        var baseline = new LedgerBaseline();
        baseline.Add(Entry("abc", nameof(InventoryStatus.Pushed), pushed: new() { [1] = 5 }));
        var one = new Dictionary<long, int> { [1] = 5 };

        Assert.Empty(baseline.Changes("abc", one, force: false));
        Assert.Equal(one, baseline.Changes("ABC", one, force: false));
        Assert.Equal(one, baseline.Changes("abd", one, force: false));
        Assert.Equal(new Dictionary<long, int> { [2] = 5 }, baseline.Changes("abc", new Dictionary<long, int> { [2] = 5 }, force: false));
    }

    [Fact]
    public void A_sku_and_location_met_again_is_seen()
    {
        var seen = new SeenSkus();

        Assert.True(seen.Add("X", 1));
        Assert.True(seen.Add("X", 2));
        Assert.True(seen.Add("Y", 1));
        Assert.False(seen.Add("X", 1));
    }

    private static InventoryEntry Entry(string sku, string status, Dictionary<long, int>? pushed = null, Dictionary<long, int>? claims = null)
    {
        var entry = new InventoryEntry { Sku = sku, Status = status };
        entry.SetPushed(pushed ?? []);
        entry.SetClaims((claims ?? []).ToDictionary(c => c.Key, c => new Claim(DateTimeOffset.UnixEpoch, c.Value)));
        return entry;
    }
}
