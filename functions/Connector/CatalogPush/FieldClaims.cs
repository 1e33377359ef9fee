namespace Connector.CatalogPush;

/// <summary>The newest value the feed gave one field of one SKU, and when the back office made that change.</summary>
public sealed record FieldClaim(DateTimeOffset ChangedAt, string Value);

/// <summary>
/// Newest wins, per field. Two changes of one SKU may be handled in any order (retries, a feed that lists an older change
/// after a newer one, two messages at once), so each message first claims its fields on the SKU's ledger row (under its
/// ETag) with its change time: a field a newer change already claimed is not written again by an older one. After the
/// write, a field a newer change claimed meanwhile may have been overwritten by this (older) write landing last: it is
/// written again with the newer value (as inventory's claims do for locations).
/// </summary>
public static class FieldClaims
{
    /// <returns>The claims after this change, and the fields it must write (those where it is the newest).</returns>
    public static (Dictionary<string, FieldClaim> Claims, Dictionary<string, string> ToWrite) Claim(
        IReadOnlyDictionary<string, FieldClaim> current, IReadOnlyDictionary<string, string> values, DateTimeOffset changedAt)
    {
        var claims = new Dictionary<string, FieldClaim>(current, StringComparer.Ordinal);
        var toWrite = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, value) in values)
        {
            if (current.TryGetValue(field, out var existing) && existing.ChangedAt > changedAt)
            {
                continue; // a newer change owns this field
            }

            claims[field] = new FieldClaim(changedAt, value);
            toWrite[field] = value;
        }

        return (claims, toWrite);
    }

    /// <summary>The fields to write that were written already at this change time or later (a retry, a page read twice): none need writing again.</summary>
    public static bool AllWritten(IReadOnlyDictionary<string, string> toWrite, IReadOnlyDictionary<string, DateTimeOffset> written, DateTimeOffset changedAt) =>
        toWrite.Count > 0 && toWrite.Keys.All(f => written.TryGetValue(f, out var at) && at >= changedAt);

    /// <summary>After a write: the fields a newer claim took over meanwhile (to write again, with their claim).</summary>
    public static Dictionary<string, FieldClaim> AfterWrite(IReadOnlyDictionary<string, FieldClaim> current, IReadOnlyDictionary<string, FieldClaim> written)
    {
        var rewrite = new Dictionary<string, FieldClaim>(StringComparer.Ordinal);
        foreach (var (field, claim) in written)
        {
            if (current.TryGetValue(field, out var now) && now.ChangedAt > claim.ChangedAt)
            {
                rewrite[field] = now;
            }
        }

        return rewrite;
    }
}
