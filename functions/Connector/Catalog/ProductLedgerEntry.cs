using Azure;
using Azure.Data.Tables;

namespace Connector.Catalog;

/// <summary>
/// What the connector knows of one product of one store (Products table, partition = store hash, row = product id
/// zero-padded to 19 digits). Versions are BigCommerce's <c>date_modified</c>; a deletion counts as newer than any version.
/// </summary>
public sealed class ProductLedgerEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>See <see cref="ProductLedgerStatus"/>.</summary>
    public string Status { get; set; } = ProductLedgerStatus.Pending;
    public string? Sku { get; set; }
    public string? Name { get; set; }

    /// <summary>The newest version the back office has (2xx or 409).</summary>
    public DateTimeOffset? DeliveredVersion { get; set; }
    /// <summary>The newest version the back office refused for good (another 4xx); a newer version is tried again.</summary>
    public DateTimeOffset? RejectedVersion { get; set; }
    /// <summary>The newest version whose POST started, whatever came of it: an older one is never sent after it.</summary>
    public DateTimeOffset? SentVersion { get; set; }
    /// <summary>BigCommerce reported the product deleted; the back office got the deletion once <see cref="Status"/> says so.</summary>
    public bool Deleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The newest version a poll queued, and when: a later poll seeing it again need not queue it again.</summary>
    public DateTimeOffset? QueuedVersion { get; set; }
    public DateTimeOffset? QueuedAt { get; set; }

    /// <summary>The version a worker is sending now, which message holds it, and until when (its worker may die).</summary>
    public DateTimeOffset? SendingVersion { get; set; }
    public string? SendingBy { get; set; }
    public DateTimeOffset? SendingUntil { get; set; }

    /// <summary>
    /// No echo: the catalog push is writing this product now (since then), and the version its last write made. The push
    /// came from the back office, so that version is not sent back to it; a version read while the write is under way waits.
    /// </summary>
    public DateTimeOffset? OwnWriteFrom { get; set; }
    public DateTimeOffset? OwnWriteVersion { get; set; }

    /// <summary>
    /// Every version the push's recent writes made (Unix seconds, comma-separated, oldest first, the last
    /// <see cref="OwnWriteVersionsKept"/>), not only the last: a poll carries the version its list page had, and the push may
    /// have written the product again before that message is handled (the soak found the older one sent back).
    /// </summary>
    public string? OwnWriteVersions { get; set; }

    /// <summary>
    /// When an earlier push write of this product began whose end was never recorded (its answer lost, its worker killed,
    /// storage away): it may have landed in a version nobody knows. The next write reads the product's version before it
    /// writes (<see cref="MayBeUnendedWrite"/>), so that version is not sent back once the next write's end lifts the wait.
    /// </summary>
    public DateTimeOffset? UnendedWriteFrom { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }

    /// <summary>The deletion, as a version: newer than any product version, so nothing is sent after it.</summary>
    public static readonly DateTimeOffset DeletionVersion = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// True when nothing more needs doing for this version: the back office has it or newer, refused it, or a newer one was
    /// sent; or the push made it and the back office has the product already (a product it has nothing of is sent even in
    /// a version the push made: that is the product itself, not the push's change coming back).
    /// </summary>
    public bool IsSettled(DateTimeOffset version) =>
        version <= DeliveredVersion || version == RejectedVersion || version < SentVersion || (IsOwnWrite(version) && DeliveredVersion is not null)
        || (Deleted && Status == ProductLedgerStatus.Deleted);

    public const int OwnWriteVersionsKept = 64;

    /// <summary>A version one of the push's recent writes made.</summary>
    public bool IsOwnWrite(DateTimeOffset version) => version == OwnWriteVersion || OwnVersions().Contains(version.ToUnixTimeSeconds());

    /// <summary>Records a version the push's write made (the newest also as <see cref="OwnWriteVersion"/>).</summary>
    public void AddOwnWrite(DateTimeOffset version)
    {
        if (OwnWriteVersion is null || version > OwnWriteVersion)
        {
            OwnWriteVersion = version;
        }

        var versions = OwnVersions();
        if (!versions.Contains(version.ToUnixTimeSeconds()))
        {
            versions.Add(version.ToUnixTimeSeconds());
        }

        OwnWriteVersions = string.Join(',', versions.TakeLast(OwnWriteVersionsKept).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private List<long> OwnVersions() =>
        [.. (OwnWriteVersions ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => long.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>
    /// The push begins writing at <paramref name="at"/>: a write begun earlier and not ended (within <see cref="OwnWriteLongest"/>)
    /// becomes the unended write the new one resolves first; the earliest is kept, so a retry that fails again loses nothing.
    /// </summary>
    public void BeginOwnWrite(DateTimeOffset at)
    {
        if (OwnWriteUnderway(at))
        {
            UnendedWriteFrom ??= OwnWriteFrom;
        }

        if (UnendedWriteFrom is { } from && at - from >= OwnWriteLongest)
        {
            UnendedWriteFrom = null;
        }

        OwnWriteFrom = at;
    }

    /// <summary>
    /// The product's version, read after the unended write began and before the next one: made after that write began (to
    /// BigCommerce's second, within <see cref="VersionClockMargin"/>), it is taken as that write's. A merchant's change in
    /// the same moments is taken too, and folded into the next write, the price no echo already pays.
    /// </summary>
    public bool MayBeUnendedWrite(DateTimeOffset version) => UnendedWriteFrom is { } from && version >= from - VersionClockMargin;

    /// <summary>How far BigCommerce's clock (its <c>date_modified</c>, to the second) may be from the connector's.</summary>
    public static readonly TimeSpan VersionClockMargin = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The push's write ended. A version: the write's own, which the pull does not send back. None, and nothing was made (the
    /// write was refused): the wait ends. None, and the outcome is unknown (the request failed, its answer was lost): the
    /// product stays marked as being written until a later write of it ends (and resolves this one, see
    /// <see cref="BeginOwnWrite"/>) or <see cref="OwnWriteLongest"/> passes.
    /// </summary>
    public void EndOwnWrite(DateTimeOffset? version, bool madeNothing)
    {
        if (version is { } v)
        {
            OwnWriteFrom = null;
            AddOwnWrite(v);
        }
        else if (madeNothing)
        {
            OwnWriteFrom = null;
        }
    }

    /// <summary>A push write of this product is under way (begun at most <see cref="OwnWriteLongest"/> ago): what it makes is not known yet.</summary>
    public bool OwnWriteUnderway(DateTimeOffset now) => OwnWriteFrom is { } from && now - from < OwnWriteLongest;

    /// <summary>
    /// How long a push write is presumed under way without its end being recorded: longer than a queue message is leased
    /// (LocalHost's <c>MessageLease</c>, 5 minutes by default; the Functions host's 10), so that when its worker was killed
    /// the message's retry writes again, and resolves it, before a version read meanwhile is let go to the back office.
    /// </summary>
    public static readonly TimeSpan OwnWriteLongest = TimeSpan.FromMinutes(12);

    /// <summary>True when a poll need not queue this version: settled, or queued within the horizon.</summary>
    public bool IsInHand(DateTimeOffset version, DateTimeOffset now) =>
        IsSettled(version) || (QueuedVersion >= version && QueuedAt > now - QueuedHorizon);

    public static readonly TimeSpan QueuedHorizon = TimeSpan.FromHours(1);

    public void Release(string holder)
    {
        if (SendingBy == holder)
        {
            SendingBy = null;
            SendingVersion = null;
            SendingUntil = null;
        }
    }
}

/// <summary>
/// What the merchant sees of a product: <c>pending</c> (queued), <c>delivered</c>, <c>deleted</c> (the back office got the
/// deletion), <c>rejected</c> (refused for good, with its reason), <c>failing</c> (the queue retries it).
/// </summary>
public static class ProductLedgerStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Deleted = "deleted";
    public const string Rejected = "rejected";
    public const string Failing = "failing";

    public static bool NeedsAttention(string? status) => status is Rejected or Failing;
}
