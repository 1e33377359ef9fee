using Connector.Catalog;

namespace Connector.Tests.Catalog;

public sealed class ProductLedgerEntryTests
{
    private static readonly DateTimeOffset V1 = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset V2 = V1.AddSeconds(5);

    [Fact]
    public void A_version_older_than_one_delivered_or_sent_is_settled_and_a_newer_one_is_not()
    {
        var entry = new ProductLedgerEntry { DeliveredVersion = V1, SentVersion = V2 };
        Assert.True(entry.IsSettled(V1));
        Assert.True(entry.IsSettled(V1.AddSeconds(2))); // older than the one sent: never sent after it
        Assert.False(entry.IsSettled(V2)); // the one sent, not yet known delivered: its own retry may send it again
        Assert.False(entry.IsSettled(V2.AddSeconds(1)));
    }

    [Fact]
    public void A_refused_version_is_settled_but_the_next_one_is_tried()
    {
        var entry = new ProductLedgerEntry { RejectedVersion = V1, Status = ProductLedgerStatus.Rejected };
        Assert.True(entry.IsSettled(V1));
        Assert.False(entry.IsSettled(V2));
    }

    [Fact]
    public void After_a_delivered_deletion_nothing_is_sent_again()
    {
        var entry = new ProductLedgerEntry { DeliveredVersion = V1, Deleted = true, Status = ProductLedgerStatus.Deleted };
        Assert.True(entry.IsSettled(V2));
        Assert.True(entry.IsSettled(ProductLedgerEntry.DeletionVersion));
    }

    [Fact]
    public void A_version_queued_within_the_horizon_is_in_hand_and_one_queued_long_ago_is_queued_again()
    {
        var entry = new ProductLedgerEntry { QueuedVersion = V2, QueuedAt = V2 };
        Assert.True(entry.IsInHand(V2, V2.AddMinutes(10)));
        Assert.False(entry.IsInHand(V2, V2 + ProductLedgerEntry.QueuedHorizon + TimeSpan.FromMinutes(1)));
    }
}
