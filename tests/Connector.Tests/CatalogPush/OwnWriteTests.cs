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
    public void Every_version_the_push_wrote_is_settled_not_only_its_last()
    {
        // Soak finding: a poll carried the version of the push's first write; the push wrote the product again before that
        // message was handled, and the first version went back to the back office.
        var entry = new ProductLedgerEntry { DeliveredVersion = Now.AddMinutes(-10) };
        entry.AddOwnWrite(Now);
        entry.AddOwnWrite(Now.AddSeconds(7));

        Assert.True(entry.IsSettled(Now));
        Assert.True(entry.IsSettled(Now.AddSeconds(7)));
        Assert.False(entry.IsSettled(Now.AddSeconds(3)));
        Assert.Equal(Now.AddSeconds(7), entry.OwnWriteVersion);
    }

    [Fact]
    public void Only_the_newest_own_versions_are_kept()
    {
        var entry = new ProductLedgerEntry { DeliveredVersion = Now.AddMinutes(-10) };
        for (var i = 0; i < ProductLedgerEntry.OwnWriteVersionsKept + 1; i++)
        {
            entry.AddOwnWrite(Now.AddSeconds(i));
        }

        Assert.False(entry.IsSettled(Now));
        Assert.True(entry.IsSettled(Now.AddSeconds(1)));
    }

    [Fact]
    public void A_version_the_push_wrote_is_sent_when_the_back_office_has_nothing_of_the_product()
    {
        // Soak finding: the push wrote a product before the initial import read it; the import skipped the push's version
        // and the back office never received the product at all.
        var entry = new ProductLedgerEntry();
        entry.AddOwnWrite(Now);

        Assert.False(entry.IsSettled(Now));
        entry.DeliveredVersion = Now.AddMinutes(-1);
        Assert.True(entry.IsSettled(Now));
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
