using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;

namespace Connector.CatalogPush;

/// <summary>
/// What the merchant sees of a SKU the back office changed: <c>pending</c> (claimed, being written), <c>written</c>
/// (BigCommerce has it), <c>created</c> (a new simple product), <c>skipped</c> (left alone, as the store's creation setting wants), <c>refused</c> (not written, with its reason: unknown SKU
/// while creation is off, duplicate SKU, a value beyond the limits, BigCommerce refused it), <c>failing</c> (retried by
/// the queue). The states and the moves between them are here only.
/// </summary>
public static class CatalogPushStatus
{
    public const string Pending = "pending";
    public const string Written = "written";
    public const string Created = "created";
    public const string Refused = "refused";
    public const string Skipped = "skipped";
    public const string Failing = "failing";

    public static bool NeedsAttention(string? status) => status is Refused or Failing;

    /// <summary>A claim makes a SKU pending again unless it is failing (the retry of a failing one stays failing until it is written).</summary>
    public static string AfterClaim(string current) => current == Failing ? Failing : Pending;

    /// <summary>The outcome of a write: created or written, or refused; a transient failure is failing.</summary>
    public static string AfterWrite(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Created => Created,
        WriteOutcome.Written => Written,
        WriteOutcome.Refused => Refused,
        WriteOutcome.Skipped => Skipped,
        _ => Failing,
    };
}

public enum WriteOutcome
{
    Written,
    Created,
    Refused,
    Skipped,
    Failing,
}

/// <summary>The CatalogPush table: partition = store hash, row = escaped SKU (upper case: BigCommerce's SKUs match without regard to case).</summary>
public sealed class CatalogPushEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Sku { get; set; } = "";
    public string Status { get; set; } = CatalogPushStatus.Pending;

    /// <summary>The change time <see cref="Status"/> speaks for: an older change's outcome never replaces a newer one's.</summary>
    public DateTimeOffset? StatusChangeAt { get; set; }

    /// <summary>Per field, the newest change claimed (JSON of field → <see cref="FieldClaim"/>): newest wins.</summary>
    public string? Claims { get; set; }

    /// <summary>Per field, the change time last written to BigCommerce (JSON of field → time).</summary>
    public string? WrittenFields { get; set; }

    /// <summary>The newest change time written to BigCommerce (any field).</summary>
    public DateTimeOffset? WrittenChangeAt { get; set; }
    public DateTimeOffset? WrittenAt { get; set; }

    /// <summary>Where the SKU is in BigCommerce, as last matched.</summary>
    public long? ProductId { get; set; }
    public long? VariantId { get; set; }

    /// <summary>
    /// The changes being written now (JSON of change time → <see cref="WritingLeaseEntry"/>: which handling, one run of a
    /// message, and until when, as its worker may die). A second copy of the same change (its message's lease lapsed and
    /// another instance took it, or the feed listed it twice) waits instead of writing it a second time.
    /// </summary>
    public string? Writing { get; set; }

    public int Attempts { get; set; }
    public string? LastError { get; set; }
    /// <summary>What the limits cut or left out at the last write (the merchant's page shows it).</summary>
    public string? Notes { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Dictionary<string, FieldClaim> ClaimMap() =>
        Claims is null ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, FieldClaim>>(Claims, Json) ?? [], StringComparer.Ordinal);

    public void SetClaims(IReadOnlyDictionary<string, FieldClaim> claims) => Claims = JsonSerializer.Serialize(claims, Json);

    public Dictionary<string, DateTimeOffset> WrittenMap() =>
        WrittenFields is null ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(WrittenFields, Json) ?? [], StringComparer.Ordinal);

    /// <summary>Records these fields as written at their change times (never moving one back).</summary>
    public void MarkWritten(IReadOnlyDictionary<string, FieldClaim> fields)
    {
        var map = WrittenMap();
        foreach (var (field, claim) in fields)
        {
            if (!map.TryGetValue(field, out var at) || claim.ChangedAt > at)
            {
                map[field] = claim.ChangedAt;
            }
        }

        WrittenFields = JsonSerializer.Serialize(map, Json);
    }

    /// <summary>How long a handling is presumed to be writing a change without its end being recorded.</summary>
    public static readonly TimeSpan WritingLease = TimeSpan.FromSeconds(45);

    /// <summary>Another live handling is writing this very change (same change time) now.</summary>
    public bool WrittenElsewhere(DateTimeOffset changedAt, string handling, DateTimeOffset now) =>
        WritingMap().TryGetValue(Key(changedAt), out var lease) && lease.By != handling && lease.Until > now;

    public void BeginWriting(DateTimeOffset changedAt, string handling, DateTimeOffset now)
    {
        var map = WritingMap();
        foreach (var expired in map.Where(l => l.Value.Until <= now).Select(l => l.Key).ToList())
        {
            map.Remove(expired);
        }

        map[Key(changedAt)] = new WritingLeaseEntry(handling, now + WritingLease);
        Writing = JsonSerializer.Serialize(map, Json);
    }

    public void EndWriting(string handling)
    {
        var map = WritingMap();
        foreach (var mine in map.Where(l => l.Value.By == handling).Select(l => l.Key).ToList())
        {
            map.Remove(mine);
        }

        Writing = map.Count == 0 ? null : JsonSerializer.Serialize(map, Json);
    }

    private Dictionary<string, WritingLeaseEntry> WritingMap() =>
        Writing is null ? new(StringComparer.Ordinal) : new(JsonSerializer.Deserialize<Dictionary<string, WritingLeaseEntry>>(Writing, Json) ?? [], StringComparer.Ordinal);

    private static string Key(DateTimeOffset changedAt) => changedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public CatalogPushEntry Copy() => (CatalogPushEntry)MemberwiseClone();

    /// <summary>Sets the SKU's status for the change made at <paramref name="changedAt"/>, unless a newer change's status stands.</summary>
    /// <returns>False when a newer change's status stands (nothing set).</returns>
    public bool SetStatus(string status, DateTimeOffset changedAt, string? error, string? notes)
    {
        if (StatusChangeAt > changedAt)
        {
            return false;
        }

        Status = status;
        StatusChangeAt = changedAt;
        LastError = error;
        Notes = notes;
        return true;
    }
}

/// <summary>
/// The push's ledger (<see cref="TableNames.CatalogPush"/>) and its attention index (<see cref="TableNames.CatalogPushNeedingAttention"/>,
/// one row per SKU refused or failing, kept in step after each status write, so the app's page lists them without
/// reading the whole ledger). Updates of the SKUs a worker has in hand at once share reads and transactions.
/// </summary>
public sealed class CatalogPushLedger(ConnectorStorage storage)
{
    private readonly TableGroupCommit<CatalogPushEntry> _group = new(() => storage.Table(TableNames.CatalogPush));

    private TableClient Table => storage.Table(TableNames.CatalogPush);

    private TableClient Attention => storage.Table(TableNames.CatalogPushNeedingAttention);

    public static string RowKey(string sku) => TableKeys.Escape(sku.ToUpperInvariant());

    public async Task<CatalogPushEntry?> FindAsync(string storeHash, string sku, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<CatalogPushEntry>(storeHash, RowKey(sku), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>Read-modify-write under the row's ETag; <paramref name="change"/> returns false to write nothing.</summary>
    public async Task<CatalogPushEntry?> UpdateAsync(
        string storeHash, string sku, Func<CatalogPushEntry, bool> change, CancellationToken cancellationToken, CatalogPushEntry? known = null)
    {
        string? before = null;
        CatalogPushEntry? Apply(CatalogPushEntry? current)
        {
            before = current?.Status;
            var entry = current?.Copy() ?? new CatalogPushEntry { Sku = sku };
            return change(entry) ? entry : null;
        }

        var knownRow = known is { ETag: var etag } && etag != default ? new Known<CatalogPushEntry>(known) : null;
        var updated = await _group.ApplyAsync(storeHash, RowKey(sku), Apply, cancellationToken, knownRow);
        if (updated is not null && updated.Status != before)
        {
            await SyncAttentionAsync(storeHash, updated, before, cancellationToken);
        }

        return updated;
    }

    private Task SyncAttentionAsync(string storeHash, CatalogPushEntry entry, string? before, CancellationToken cancellationToken) =>
        AttentionListing.KeepInStepAsync(Attention, new TableEntity(storeHash, entry.RowKey) { ["Sku"] = entry.Sku, ["Status"] = entry.Status },
            CatalogPushStatus.NeedsAttention(before), CatalogPushStatus.NeedsAttention(entry.Status), cancellationToken);

    /// <summary>The feed's own row: a page that did not verify is shown with the SKUs needing attention until a run reads the feed whole.</summary>
    public const string FeedRowSku = "(catalog-changes feed)";

    public Task RecordFeedProblemAsync(string storeHash, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(storeHash, FeedRowSku, entry =>
        {
            entry.SetStatus(CatalogPushStatus.Refused, at, reason, null);
            entry.Attempts++;
            entry.LastAttemptAt = at;
            return true;
        }, cancellationToken);

    public async Task ClearFeedProblemAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (await FindAsync(storeHash, FeedRowSku, cancellationToken) is { Status: CatalogPushStatus.Refused })
        {
            await UpdateAsync(storeHash, FeedRowSku, entry =>
            {
                entry.Status = CatalogPushStatus.Written;
                entry.StatusChangeAt = null;
                entry.LastError = null;
                return true;
            }, cancellationToken);
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> SKUs needing attention, from the index, each checked against its ledger row (the truth:
    /// a stale index row is dropped); and whether more follow.
    /// </summary>
    public Task<(IReadOnlyList<CatalogPushEntry> Entries, bool More)> NeedingAttentionAsync(string storeHash, int max, CancellationToken cancellationToken) =>
        AttentionListing.ReadAsync<CatalogPushEntry>(Attention, Table, storeHash, max, e => CatalogPushStatus.NeedsAttention(e.Status), cancellationToken);
}

/// <summary>One change being written: by which handling, until when.</summary>
public sealed record WritingLeaseEntry(string By, DateTimeOffset Until);
