using Connector.CatalogPush;

namespace Connector.Tests.CatalogPush;

public sealed class FieldClaimsTests
{
    private static readonly DateTimeOffset Older = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Newer = Older.AddMinutes(5);

    [Fact]
    public void A_first_change_claims_and_writes_its_fields()
    {
        var (claims, toWrite) = FieldClaims.Claim(new Dictionary<string, FieldClaim>(), new Dictionary<string, string> { ["price"] = "5", ["name"] = "N" }, Older);

        Assert.Equal(new FieldClaim(Older, "5"), claims["price"]);
        Assert.Equal(["name", "price"], toWrite.Keys.Order());
    }

    [Fact]
    public void An_older_change_writes_only_the_fields_no_newer_change_owns()
    {
        var current = new Dictionary<string, FieldClaim> { ["price"] = new(Newer, "20") };

        var (claims, toWrite) = FieldClaims.Claim(current, new Dictionary<string, string> { ["price"] = "10", ["name"] = "Old" }, Older);

        Assert.Equal(new Dictionary<string, string> { ["name"] = "Old" }, toWrite);
        Assert.Equal(new FieldClaim(Newer, "20"), claims["price"]);
    }

    [Fact]
    public void The_same_change_again_claims_again_so_a_retry_writes()
    {
        var current = new Dictionary<string, FieldClaim> { ["price"] = new(Older, "10") };

        var (_, toWrite) = FieldClaims.Claim(current, new Dictionary<string, string> { ["price"] = "10" }, Older);

        Assert.Single(toWrite);
    }

    [Fact]
    public void A_retry_of_a_written_change_needs_no_write()
    {
        var written = new Dictionary<string, DateTimeOffset> { ["price"] = Older };

        Assert.True(FieldClaims.AllWritten(new Dictionary<string, string> { ["price"] = "10" }, written, Older));
        Assert.False(FieldClaims.AllWritten(new Dictionary<string, string> { ["price"] = "10", ["name"] = "N" }, written, Older));
        Assert.False(FieldClaims.AllWritten(new Dictionary<string, string> { ["price"] = "12" }, written, Newer));
    }

    [Fact]
    public void After_a_write_the_fields_a_newer_change_claimed_meanwhile_are_written_again()
    {
        var written = new Dictionary<string, FieldClaim> { ["price"] = new(Older, "10"), ["name"] = new(Older, "Old") };
        var now = new Dictionary<string, FieldClaim> { ["price"] = new(Newer, "20"), ["name"] = new(Older, "Old") };

        Assert.Equal(new Dictionary<string, FieldClaim> { ["price"] = new(Newer, "20") }, FieldClaims.AfterWrite(now, written));
    }
}
