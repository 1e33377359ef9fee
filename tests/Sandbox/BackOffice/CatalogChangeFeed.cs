using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>How the catalog-changes feed misbehaves on one page, so the connector's bad-input handling can be tested.</summary>
public enum CatalogFeedCorruptionKind
{
    None,

    /// <summary>200 with the page, but its <c>X-Connector-Signature</c> is of another body.</summary>
    BadSignature,

    /// <summary>500 problem+json instead of the page.</summary>
    FailPage,

    /// <summary>200 with a truncated JSON body (correctly signed: the back office signed what it sent).</summary>
    MalformedPage,

    /// <summary>200 with the page padded past 16 MiB (whitespace after the JSON, signed): more than the connector reads.</summary>
    HugePage,
}

/// <param name="Page">1-based page number: the read's offset / limit + 1.</param>
/// <param name="Remaining">Reads of that page still to hit; null = every one.</param>
public sealed record CatalogFeedCorruption(CatalogFeedCorruptionKind Kind, int Page, int? Remaining)
{
    public const string Kinds = "none, bad-signature, fail-page, malformed-page or huge-page";

    public static bool TryParseKind(string? text, out CatalogFeedCorruptionKind kind)
    {
        kind = text switch
        {
            "none" => CatalogFeedCorruptionKind.None,
            "bad-signature" => CatalogFeedCorruptionKind.BadSignature,
            "fail-page" => CatalogFeedCorruptionKind.FailPage,
            "malformed-page" => CatalogFeedCorruptionKind.MalformedPage,
            "huge-page" => CatalogFeedCorruptionKind.HugePage,
            _ => (CatalogFeedCorruptionKind)(-1),
        };
        return Enum.IsDefined(kind);
    }
}

/// <summary>
/// The back office's catalog changes: an append-only log per store, served in signed pages by GET
/// /backoffice/catalog-changes. Records are kept as the raw JSON objects the admin API appended, never checked, so a test
/// can put a bad record (a price that is not a number, a negative weight) in the log and see what the connector does.
/// </summary>
public sealed class CatalogChangeFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private readonly Lock _gate = new();
    private readonly RecordLog _log = new();
    private CatalogFeedCorruption? _corruption;
    private long _pages;
    private long _badSignatures;

    public sealed record Stats(long Pages, long BadSignatures);

    public CatalogFeedCorruption? Corruption
    {
        get { lock (_gate) { return _corruption; } }
        set { lock (_gate) { _corruption = value is { Kind: CatalogFeedCorruptionKind.None } ? null : value; } }
    }

    public IReadOnlyList<JsonObject> Records(string storeHash) => _log.Records(storeHash);

    public (int Appended, int Total) Append(string storeHash, IReadOnlyList<JsonObject> records) => _log.Append(storeHash, records);

    /// <returns>False for a cursor this feed did not issue, or one past the end of the log.</returns>
    public bool TryRead(string storeHash, string? cursor, int limit, out RecordLog.Page page, out int pageNumber) =>
        _log.TryRead(storeHash, cursor, limit, out page, out pageNumber);

    public CatalogFeedCorruptionKind TakeCorruption(int pageNumber)
    {
        lock (_gate)
        {
            if (_corruption is not { } c || c.Page != pageNumber || c.Remaining is <= 0)
            {
                return CatalogFeedCorruptionKind.None;
            }

            if (c.Remaining is { } n)
            {
                _corruption = c with { Remaining = n - 1 };
            }

            return c.Kind;
        }
    }

    public void CountServed(bool badSignature)
    {
        Interlocked.Increment(ref _pages);
        if (badSignature)
        {
            Interlocked.Increment(ref _badSignatures);
        }
    }

    public Stats Snapshot() => new(Interlocked.Read(ref _pages), Interlocked.Read(ref _badSignatures));

    public void Reset()
    {
        lock (_gate)
        {
            _log.Clear();
            _corruption = null;
            Interlocked.Exchange(ref _pages, 0);
            Interlocked.Exchange(ref _badSignatures, 0);
        }
    }
}
