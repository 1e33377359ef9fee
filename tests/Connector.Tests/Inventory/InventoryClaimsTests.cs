using Connector.Inventory;

namespace Connector.Tests.Inventory;

public sealed class InventoryClaimsTests
{
    private static readonly DateTimeOffset Older = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Newer = Older.AddHours(1);

    [Fact]
    public void The_first_read_claims_and_writes()
    {
        var (claims, toWrite) = InventoryClaims.Claim(new Dictionary<long, Claim>(), new Dictionary<long, int> { [1] = 5 }, Older);

        Assert.Equal(new Claim(Older, 5), claims[1]);
        Assert.Equal(new Dictionary<long, int> { [1] = 5 }, toWrite);
    }

    [Fact]
    public void An_older_read_never_replaces_a_newer_claim()
    {
        var current = new Dictionary<long, Claim> { [1] = new(Newer, 9) };

        var (claims, toWrite) = InventoryClaims.Claim(current, new Dictionary<long, int> { [1] = 5 }, Older);

        Assert.Empty(toWrite);
        Assert.Equal(new Claim(Newer, 9), claims[1]);
    }

    [Fact]
    public void Newest_wins_per_location()
    {
        var current = new Dictionary<long, Claim> { [1] = new(Newer, 9), [2] = new(Older.AddMinutes(-5), 1) };

        var (claims, toWrite) = InventoryClaims.Claim(current, new Dictionary<long, int> { [1] = 5, [2] = 3 }, Older);

        Assert.Equal(new Dictionary<long, int> { [2] = 3 }, toWrite);
        Assert.Equal(new Claim(Newer, 9), claims[1]);
        Assert.Equal(new Claim(Older, 3), claims[2]);
    }

    [Fact]
    public void A_repeat_of_the_same_read_writes_again()
    {
        var current = new Dictionary<long, Claim> { [1] = new(Older, 5) };

        Assert.Equal(new Dictionary<long, int> { [1] = 5 }, InventoryClaims.Claim(current, new Dictionary<long, int> { [1] = 5 }, Older).ToWrite);
    }

    [Fact]
    public void After_writing_a_still_newest_claim_is_confirmed()
    {
        var written = new Dictionary<long, Claim> { [1] = new(Older, 5) };

        var (confirmed, rewrite) = InventoryClaims.AfterWrite(written, written);

        Assert.Equal(written, confirmed);
        Assert.Empty(rewrite);
    }

    [Fact]
    public void A_newer_claim_made_during_the_write_is_written_again_so_the_older_write_cannot_be_last()
    {
        // Message A (older) claimed and wrote; meanwhile B (newer) claimed, wrote and confirmed. A's write
        // may have landed after B's in BigCommerce, so A writes B's quantity again.
        var written = new Dictionary<long, Claim> { [1] = new(Older, 5) };
        var now = new Dictionary<long, Claim> { [1] = new(Newer, 9) };

        var (confirmed, rewrite) = InventoryClaims.AfterWrite(now, written);

        Assert.Empty(confirmed);
        Assert.Equal(new Claim(Newer, 9), rewrite[1]);
    }
}
