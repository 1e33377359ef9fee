using Azure;
using Azure.Data.Tables;

namespace Connector.Orders;

/// <summary>What the connector knows of one order: which version the back office has, and what went wrong last.</summary>
public sealed class OrderLedgerEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Status { get; set; } = OrderLedgerStatus.Pending;
    /// <summary>The newest <c>date_modified</c> the back office has accepted.</summary>
    public DateTimeOffset? DeliveredModifiedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? IdempotencyKey { get; set; }
    /// <summary>The version our own status write-back produced: the back office caused it, so it is not sent back.</summary>
    public DateTimeOffset? WrittenBackModifiedAt { get; set; }
    public bool WriteBackPending { get; set; }
    /// <summary>
    /// When the connector last wrote a shipment to this order in BigCommerce: from the start of the POST to its end. The
    /// version that write produced is the back office's own doing (see <see cref="CausedByConnector"/>); BigCommerce's
    /// answer to a shipment does not say which version it made, so the window stands for it.
    /// </summary>
    public DateTimeOffset? OwnWriteFrom { get; set; }
    public DateTimeOffset? OwnWriteUntil { get; set; }
    /// <summary>
    /// <see cref="HeldOrderFacts"/> as JSON: what shipping this order needs to know, from the newest version read. Null when
    /// the order is too big to hold, or was never read.
    /// </summary>
    public string? HeldFacts { get; set; }
    /// <summary>The newest version the connector's own shipment or cancellation made, left out of the back office (it caused it).</summary>
    public DateTimeOffset? OwnWriteModifiedAt { get; set; }
    /// <summary>A version the back office refused for good; a newer version is tried again.</summary>
    public DateTimeOffset? RejectedModifiedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    /// <summary>The version a worker is delivering right now, which message holds it, and until when (see <see cref="OrderLedger.TryClaimAsync"/>).</summary>
    public DateTimeOffset? ClaimedModifiedAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>
    /// The claim's holder is sending its version now (<see cref="OrderLedger.TryStartSendingAsync"/>): a newer version waits
    /// for the POST to end instead of taking the claim over, so it can never reach the back office first.
    /// </summary>
    public bool ClaimSending { get; set; }
    /// <summary>The newest version whose POST to the back office started, whatever came of it: an older one is never sent after it.</summary>
    public DateTimeOffset? SentModifiedAt { get; set; }
    /// <summary>The newest version skipped because a newer one was sent or claimed first; the newer carries its changes.</summary>
    public DateTimeOffset? SupersededModifiedAt { get; set; }
    /// <summary>The newest version a poll put in the queue, and when: a later poll seeing it again need not queue it again.</summary>
    public DateTimeOffset? QueuedModifiedAt { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }
    /// <summary>When the newest claimed version was read from BigCommerce (the read started), and which version it got.</summary>
    public DateTimeOffset? FetchedAt { get; set; }
    public DateTimeOffset? FetchedModifiedAt { get; set; }
    /// <summary>
    /// When a message for this order found its store inactive (uninstalled, or its token refused) and completed without
    /// delivering: the order waits for the store, and the first poll after the store is active again queues it again
    /// (<see cref="UndeliveredOrderRecovery"/>). Null when no message waits.
    /// </summary>
    public DateTimeOffset? ParkedAt { get; set; }

    /// <summary>
    /// True when the back office may still lack a change of this order: a message waits for the store, or a version that
    /// was queued, read or claimed is not settled. Such an order must be queued again when its store comes back, since
    /// the messages that carried it may be gone and the watermark is past it.
    /// </summary>
    public bool OwesBackOffice() =>
        ParkedAt is not null
        || new[] { QueuedModifiedAt, FetchedModifiedAt, ClaimedModifiedAt }.Any(v => v is { } version && !IsSettled(version));

    /// <summary>True when the back office has this version, caused it, or refused it for good.</summary>
    public bool IsDelivered(DateTimeOffset modifiedAt) =>
        modifiedAt <= DeliveredModifiedAt || modifiedAt == WrittenBackModifiedAt || modifiedAt == RejectedModifiedAt || modifiedAt == OwnWriteModifiedAt;

    /// <summary>
    /// True when this version is what the connector's own shipment write made: its <c>date_modified</c> falls in the
    /// write's window (whole seconds, and clocks that differ a little, allowed for) and its status is a shipped one. A
    /// merchant's own change in those same seconds would be taken for it; the next change of the order carries it anyway.
    /// </summary>
    public bool CausedByConnector(DateTimeOffset modifiedAt, int? statusId) =>
        statusId is 2 or 3 && OwnWriteFrom is { } from
        && modifiedAt >= from - OwnWriteMargin && modifiedAt <= (OwnWriteUntil ?? from + OwnWriteLongest) + OwnWriteMargin;

    /// <summary>
    /// The held facts, when they describe the newest version of the order the connector knows of: nothing newer was
    /// queued, read, claimed or refused since, and nothing waits. Otherwise null, and the order is read again.
    /// </summary>
    public HeldOrderFacts? CurrentHeldFacts()
    {
        if (HeldOrderFacts.FromJson(HeldFacts) is not { } held || OwesBackOffice())
        {
            return null;
        }

        var newer = new[] { DeliveredModifiedAt, RejectedModifiedAt, QueuedModifiedAt, FetchedModifiedAt, ClaimedModifiedAt, SupersededModifiedAt }
            .Any(version => version > held.ModifiedAt);
        return newer ? null : held;
    }

    public static readonly TimeSpan OwnWriteMargin = TimeSpan.FromSeconds(2);

    /// <summary>How long a write whose end was never recorded (its worker died) is taken to have lasted.</summary>
    public static readonly TimeSpan OwnWriteLongest = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Allowance for BigCommerce's whole-second event times and for clocks that differ a little: a read that started
    /// this long after an event surely saw its change.
    /// </summary>
    public static readonly TimeSpan EventMargin = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Why a message needs no read from BigCommerce, or null when it does: its version is done or another worker is
    /// delivering it; or its event is older than a read whose version is done or being delivered. Under a backlog a
    /// webhook's message and the poll's often bring the same change; this keeps the second from spending quota.
    /// </summary>
    public string? Covers(OrderMessage work, string holder, DateTimeOffset now)
    {
        if (work.ModifiedAt is { } version && Handled(version, holder, now))
        {
            return $"version {version:O} is done or being delivered";
        }

        if (work.EventAt is { } eventAt && FetchedAt is { } fetchedAt && FetchedModifiedAt is { } fetched
            && fetchedAt > eventAt + EventMargin && Handled(fetched, holder, now))
        {
            return $"its event of {eventAt:O} was read at {fetchedAt:O} (version {fetched:O}), which is done or being delivered";
        }

        return null;
    }

    private bool Handled(DateTimeOffset version, string holder, DateTimeOffset now) =>
        IsSettled(version) || (ClaimedBy is { } other && other != holder && ClaimedUntil > now && ClaimedModifiedAt >= version);

    /// <summary>
    /// How long a queued version is trusted to be on its way. Messages are never dropped (they end delivered or in
    /// poison), so this only bounds the cost of a poison message nobody requeued: after it, the poll queues the version again.
    /// </summary>
    public static readonly TimeSpan QueuedHorizon = TimeSpan.FromHours(1);

    /// <summary>
    /// True when a poll need not queue this version: it is done, queued by an earlier poll within the horizon, or being
    /// delivered. Without this a poll would queue again every undelivered order of its overlap, and under a backlog each
    /// copy would cost a BigCommerce read.
    /// </summary>
    public bool IsInHand(DateTimeOffset version, DateTimeOffset now) =>
        IsSettled(version)
        || (QueuedModifiedAt >= version && QueuedAt > now - QueuedHorizon)
        || (ClaimedUntil > now && ClaimedModifiedAt >= version);

    /// <summary>Lets go of a claim this holder has, once its delivery ended either way.</summary>
    public void Release(string holder)
    {
        if (ClaimedBy == holder)
        {
            ClaimedModifiedAt = null;
            ClaimedBy = null;
            ClaimedUntil = null;
            ClaimSending = false;
        }
    }

    /// <summary>True when nothing more needs doing for this version of the order.</summary>
    public bool IsSettled(DateTimeOffset modifiedAt) => IsDelivered(modifiedAt) && !WriteBackPending;
}

/// <summary>How a claim on an order version ended: ours to deliver, already in the back office, or another worker's.</summary>
public enum ClaimResult
{
    Claimed,
    AlreadyDelivered,
    HeldElsewhere,

    /// <summary>An older version is being sent right now: this newer one must wait for that POST to end, then try again.</summary>
    OlderVersionSending,
}

/// <summary>
/// The last check before a claimed version is POSTed, under the row's ETag: send it, or not, because the back office has
/// it, a newer version was sent or claimed meanwhile (this one is superseded: never send an older version after a newer
/// one), or the claim expired and went to another worker.
/// </summary>
public enum SendDecision
{
    Send,
    AlreadyDelivered,
    Superseded,
    ClaimLost,
}

/// <summary>
/// What the merchant sees of an order. <c>pending</c>: a poll queued it. Then, per attempt: <c>delivered</c> (the back
/// office has a version; a later version's failure leaves it so), <c>rejected</c> (refused for good), <c>failing</c> (the
/// queue retries it), <c>not-found</c> (BigCommerce has no such order), or <c>waiting-for-store</c> (its message found the
/// store uninstalled or its token refused; <see cref="OrderLedgerEntry.ParkedAt"/>), which goes back to <c>pending</c>
/// when the first poll after the store is active again queues it.
/// </summary>
public static class OrderLedgerStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Rejected = "rejected";
    public const string Failing = "failing";
    public const string NotFound = "not-found";
    public const string WaitingForStore = "waiting-for-store";
}
