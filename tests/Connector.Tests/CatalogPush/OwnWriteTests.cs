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
    public void A_write_is_under_way_from_its_start_until_its_end_or_at_most_its_longest()
    {
        var entry = new ProductLedgerEntry { OwnWriteFrom = Now };

        Assert.True(entry.OwnWriteUnderway(Now.AddSeconds(5)));
        // A killed worker's message comes back when its lease ends (the Functions host's: 10 minutes): still waiting then.
        Assert.True(entry.OwnWriteUnderway(Now.AddMinutes(10).AddSeconds(30)));
        Assert.False(entry.OwnWriteUnderway(Now + ProductLedgerEntry.OwnWriteLongest));
        Assert.False(new ProductLedgerEntry().OwnWriteUnderway(Now));
    }

    [Fact]
    public void A_write_begun_while_an_earlier_one_never_ended_names_the_earlier_start_and_keeps_the_earliest()
    {
        // Soak finding: a worker killed after BigCommerce applied its batch never recorded the version it made; the retry's
        // write ended and lifted the wait, and the poll's message carrying the killed write's version went to the back office.
        var entry = new ProductLedgerEntry();
        entry.BeginOwnWrite(Now);
        Assert.Null(entry.UnendedWriteFrom);

        entry.BeginOwnWrite(Now.AddSeconds(10));
        Assert.Equal(Now, entry.UnendedWriteFrom);
        entry.BeginOwnWrite(Now.AddSeconds(20));
        Assert.Equal(Now, entry.UnendedWriteFrom);
        Assert.Equal(Now.AddSeconds(20), entry.OwnWriteFrom);
    }

    [Fact]
    public void A_write_that_ended_leaves_nothing_unended()
    {
        var entry = new ProductLedgerEntry();
        entry.BeginOwnWrite(Now);
        entry.OwnWriteFrom = null;
        entry.AddOwnWrite(Now.AddSeconds(1));

        entry.BeginOwnWrite(Now.AddSeconds(10));
        Assert.Null(entry.UnendedWriteFrom);
    }

    [Fact]
    public void An_unended_write_older_than_the_longest_write_is_no_longer_resolved()
    {
        var entry = new ProductLedgerEntry();
        entry.BeginOwnWrite(Now);
        entry.BeginOwnWrite(Now.AddSeconds(30));
        entry.BeginOwnWrite(Now + ProductLedgerEntry.OwnWriteLongest);

        Assert.Null(entry.UnendedWriteFrom);
    }

    [Fact]
    public void A_version_made_since_the_unended_write_began_may_be_its_own_and_an_older_one_is_not()
    {
        var entry = new ProductLedgerEntry { UnendedWriteFrom = Now.AddMilliseconds(700) };

        Assert.True(entry.MayBeUnendedWrite(Now.AddSeconds(1)));
        Assert.True(entry.MayBeUnendedWrite(Now - ProductLedgerEntry.VersionClockMargin + TimeSpan.FromSeconds(1)));
        Assert.False(entry.MayBeUnendedWrite(Now.AddSeconds(-5)));
        Assert.False(new ProductLedgerEntry().MayBeUnendedWrite(Now));
    }

    [Fact]
    public void A_write_that_made_a_version_or_nothing_ends_the_wait_and_one_whose_outcome_is_unknown_does_not()
    {
        var made = new ProductLedgerEntry { OwnWriteFrom = Now };
        made.EndOwnWrite(Now.AddSeconds(1), madeNothing: false);
        var refused = new ProductLedgerEntry { OwnWriteFrom = Now };
        refused.EndOwnWrite(null, madeNothing: true);
        var unknown = new ProductLedgerEntry { OwnWriteFrom = Now };
        unknown.EndOwnWrite(null, madeNothing: false);

        Assert.False(made.OwnWriteUnderway(Now.AddSeconds(2)));
        Assert.True(made.IsOwnWrite(Now.AddSeconds(1)));
        Assert.False(refused.OwnWriteUnderway(Now.AddSeconds(2)));
        Assert.Null(refused.OwnWriteVersion);
        Assert.True(unknown.OwnWriteUnderway(Now.AddSeconds(2)));
    }
}
