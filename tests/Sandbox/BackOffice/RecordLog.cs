using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>
/// What the back office's feeds share: an append-only log of raw JSON records per store, served in pages from an opaque
/// cursor (<see cref="FeedCursor"/>). Records are kept as appended, never checked, so a test can put a malformed one in
/// the log and see what the connector does with it; every read and append works on copies.
/// </summary>
public sealed class RecordLog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<JsonObject>> _byStore = new(StringComparer.Ordinal);

    /// <param name="NextCursor">Never null: the position after the last record returned, where the next read resumes.</param>
    public sealed record Page(IReadOnlyList<JsonObject> Records, string NextCursor, bool HasMore)
    {
        /// <summary><c>{records, next_cursor, has_more}</c>; the records are the page's own copies.</summary>
        public JsonObject ToJson() => new()
        {
            ["records"] = new JsonArray([.. Records]),
            ["next_cursor"] = NextCursor,
            ["has_more"] = HasMore,
        };
    }

    /// <summary>Copies of the store's records, in log order.</summary>
    public IReadOnlyList<JsonObject> Records(string storeHash)
    {
        lock (_gate)
        {
            return [.. (_byStore.GetValueOrDefault(storeHash) ?? []).Select(r => (JsonObject)r.DeepClone())];
        }
    }

    /// <returns>How many were appended and how many the store's log now holds.</returns>
    public (int Appended, int Total) Append(string storeHash, IReadOnlyList<JsonObject> records)
    {
        lock (_gate)
        {
            if (!_byStore.TryGetValue(storeHash, out var log))
            {
                _byStore[storeHash] = log = [];
            }

            // Copies: the caller's nodes belong to its own document and may change after this.
            log.AddRange(records.Select(r => (JsonObject)r.DeepClone()));
            return (records.Count, log.Count);
        }
    }

    /// <param name="pageNumber">1-based: offset / limit + 1, the offset being the cursor's.</param>
    /// <returns>False for a cursor this log did not issue, or one past its end (a log reset since).</returns>
    public bool TryRead(string storeHash, string? cursor, int limit, out Page page, out int pageNumber)
    {
        page = new Page([], FeedCursor.Encode(0), false);
        pageNumber = 1;
        var offset = 0;
        if (!string.IsNullOrEmpty(cursor) && !FeedCursor.TryDecode(cursor, out offset))
        {
            return false;
        }

        lock (_gate)
        {
            var log = _byStore.GetValueOrDefault(storeHash) ?? [];
            if (offset > log.Count)
            {
                return false;
            }

            var slice = log.Skip(offset).Take(limit).Select(r => (JsonObject)r.DeepClone()).ToList();
            var end = offset + slice.Count;
            page = new Page(slice, FeedCursor.Encode(end), end < log.Count);
        }

        pageNumber = (offset / limit) + 1;
        return true;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byStore.Clear();
        }
    }
}
