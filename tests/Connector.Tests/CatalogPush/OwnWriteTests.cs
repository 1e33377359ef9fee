using Connector.Catalog;

namespace Connector.Tests.CatalogPush;

/// <summary>No echo, as the pull's ledger sees it: the push's own version is settled; a version read during its write waits.</summary>
public sealed class OwnWriteTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_version_the_push_wrote_is_settled_and_a_later_one_is_not()
    {
        var entry = new ProductLedgerEntry { DeliveredVersion = Now.AddMinutes(-10), OwnWriteVersion = Now };

        Assert.True(entry.IsSettled(Now));
        Assert.False(entry.IsSettled(Now.AddSeconds(1)));
    }

    [Fact]
    public void A_write_is_under_way_from_its_start_until_its_end_or_at_most_two_minutes()
    {
        var entry = new ProductLedgerEntry { OwnWriteFrom = Now };

        Assert.True(entry.OwnWriteUnderway(Now.AddSeconds(5)));
        Assert.False(entry.OwnWriteUnderway(Now + ProductLedgerEntry.OwnWriteLongest));
        Assert.False(new ProductLedgerEntry().OwnWriteUnderway(Now));
    }
}
