using Connector.Orders;

namespace Connector.Tests.Orders;

/// <summary>When a message may skip reading the order from BigCommerce: done, or in another worker's hands.</summary>
public sealed class OrderLedgerCoverageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset V1 = Now.AddMinutes(-10);
    private static readonly DateTimeOffset V2 = Now.AddMinutes(-5);

    private static OrderMessage Poll(DateTimeOffset version) => new("store", 7, version, OrderSources.Poll, "c");

    private static OrderMessage Webhook(DateTimeOffset eventAt) => new("store", 7, null, OrderSources.Webhook, "c", eventAt);

    private static OrderLedgerEntry ClaimedBy(string holder, DateTimeOffset version, DateTimeOffset until, DateTimeOffset? fetchedAt = null) => new()
    {
        ClaimedBy = holder, ClaimedModifiedAt = version, ClaimedUntil = until, FetchedAt = fetchedAt ?? version, FetchedModifiedAt = version,
    };

    [Fact]
    public void A_poll_message_for_a_delivered_version_or_an_older_one_is_covered()
    {
        var entry = new OrderLedgerEntry { DeliveredModifiedAt = V2 };

        Assert.NotNull(entry.Covers(Poll(V2), "me", Now));
        Assert.NotNull(entry.Covers(Poll(V1), "me", Now));
        Assert.Null(entry.Covers(Poll(V2.AddSeconds(1)), "me", Now));
    }

    [Fact]
    public void Another_workers_live_claim_covers_its_version_but_not_a_newer_one_nor_the_holders_own_retry()
    {
        var entry = ClaimedBy("other", V2, Now.AddMinutes(1));

        Assert.NotNull(entry.Covers(Poll(V2), "me", Now));
        Assert.Null(entry.Covers(Poll(V2.AddSeconds(1)), "me", Now));
        Assert.Null(entry.Covers(Poll(V2), "other", Now));
    }

    [Fact]
    public void A_claim_whose_worker_died_covers_nothing_once_it_expires()
    {
        var entry = ClaimedBy("other", V2, Now.AddSeconds(-1));

        Assert.Null(entry.Covers(Poll(V2), "me", Now));
    }

    [Fact]
    public void A_webhook_is_covered_only_by_a_read_made_well_after_its_event_whose_version_is_done()
    {
        var readAt = Now.AddMinutes(-1);
        var delivered = new OrderLedgerEntry { DeliveredModifiedAt = V2, FetchedAt = readAt, FetchedModifiedAt = V2 };

        Assert.NotNull(delivered.Covers(Webhook(readAt - OrderLedgerEntry.EventMargin - TimeSpan.FromSeconds(1)), "me", Now));
        // An event this close to the read (or after it) may be a change the read did not see.
        Assert.Null(delivered.Covers(Webhook(readAt - TimeSpan.FromSeconds(2)), "me", Now));
        Assert.Null(delivered.Covers(Webhook(readAt.AddSeconds(30)), "me", Now));
    }

    [Fact]
    public void A_webhook_without_an_event_time_always_reads_the_order()
    {
        var entry = new OrderLedgerEntry { DeliveredModifiedAt = V2, FetchedAt = Now.AddMinutes(-1), FetchedModifiedAt = V2 };

        Assert.Null(entry.Covers(Webhook(Now) with { EventAt = null }, "me", Now));
    }

    [Fact]
    public void A_version_waiting_for_its_status_write_back_is_not_done()
    {
        var entry = new OrderLedgerEntry { DeliveredModifiedAt = V2, WriteBackPending = true };

        Assert.Null(entry.Covers(Poll(V2), "me", Now));
    }

    [Fact]
    public void A_version_an_earlier_poll_queued_is_in_hand_until_the_horizon_passes()
    {
        var entry = new OrderLedgerEntry { QueuedModifiedAt = V2, QueuedAt = Now.AddMinutes(-10) };

        Assert.True(entry.IsInHand(V2, Now));
        Assert.True(entry.IsInHand(V1, Now));
        Assert.False(entry.IsInHand(V2.AddSeconds(1), Now), "a newer version is queued again");
        Assert.False(entry.IsInHand(V2, Now + OrderLedgerEntry.QueuedHorizon), "a poison message nobody requeued does not hold it forever");
    }

    [Fact]
    public void A_version_being_delivered_or_done_is_in_hand()
    {
        Assert.True(ClaimedBy("worker", V2, Now.AddMinutes(1)).IsInHand(V2, Now));
        Assert.False(ClaimedBy("worker", V2, Now.AddMinutes(-1)).IsInHand(V2, Now));
        Assert.True(new OrderLedgerEntry { DeliveredModifiedAt = V2 }.IsInHand(V2, Now));
    }
}
