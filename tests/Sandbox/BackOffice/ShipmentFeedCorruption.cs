using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>How the shipments feed misbehaves on one page, so the connector's bad-input handling can be tested.</summary>
public enum ShipmentFeedCorruptionKind
{
    None,

    /// <summary>200 with a truncated JSON body.</summary>
    MalformedPage,

    /// <summary>500 problem+json instead of the page.</summary>
    FailPage,

    /// <summary>The page's first record is served without <c>order_id</c>.</summary>
    MissingField,

    /// <summary>The page's first record appears twice, right after each other (same id: one shipment, read twice).</summary>
    DuplicateRow,
}

/// <param name="Page">1-based page number: the read's offset / limit + 1.</param>
/// <param name="Remaining">Reads of that page still to hit; null = every one.</param>
public sealed record ShipmentFeedCorruption(ShipmentFeedCorruptionKind Kind, int Page, int? Remaining)
{
    public const string Kinds = "none, malformed-page, fail-page, missing-field or duplicate-row";

    public static bool TryParseKind(string? text, out ShipmentFeedCorruptionKind kind)
    {
        kind = text switch
        {
            "none" => ShipmentFeedCorruptionKind.None,
            "malformed-page" => ShipmentFeedCorruptionKind.MalformedPage,
            "fail-page" => ShipmentFeedCorruptionKind.FailPage,
            "missing-field" => ShipmentFeedCorruptionKind.MissingField,
            "duplicate-row" => ShipmentFeedCorruptionKind.DuplicateRow,
            _ => (ShipmentFeedCorruptionKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static string Name(ShipmentFeedCorruptionKind kind) => kind switch
    {
        ShipmentFeedCorruptionKind.MalformedPage => "malformed-page",
        ShipmentFeedCorruptionKind.FailPage => "fail-page",
        ShipmentFeedCorruptionKind.MissingField => "missing-field",
        ShipmentFeedCorruptionKind.DuplicateRow => "duplicate-row",
        _ => "none",
    };

    /// <summary>
    /// Spoils a well-formed page body (<c>{records, next_cursor, has_more}</c>) in place, for the kinds
    /// that keep it JSON. The page holds copies, so the log itself is never changed; the cursor stays
    /// where the real records put it.
    /// </summary>
    public static void Apply(ShipmentFeedCorruptionKind kind, JsonObject page)
    {
        if (page["records"] is not JsonArray { Count: > 0 } records || records[0] is not JsonObject first)
        {
            return;
        }
        switch (kind)
        {
            case ShipmentFeedCorruptionKind.MissingField:
                first.Remove("order_id");
                break;
            case ShipmentFeedCorruptionKind.DuplicateRow:
                records.Insert(1, first.DeepClone());
                break;
        }
    }
}
