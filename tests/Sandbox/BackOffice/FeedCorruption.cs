using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>How the inventory feed misbehaves on one page, so the connector's bad-input handling can be tested.</summary>
public enum FeedCorruptionKind
{
    None,

    /// <summary>200 with a truncated JSON body.</summary>
    MalformedPage,

    /// <summary>The page's first item has a negative quantity.</summary>
    Negative,

    /// <summary>The page's first item has a string quantity ("12abc").</summary>
    NonNumeric,

    /// <summary>The page's first item appears twice, the copy with another quantity.</summary>
    DuplicateSku,

    /// <summary>500 problem+json instead of the page.</summary>
    FailPage,
}

/// <param name="Page">1-based page number (offset / page size + 1).</param>
/// <param name="Remaining">Reads of that page still to hit; null = every one.</param>
public sealed record FeedCorruption(FeedCorruptionKind Kind, int Page, int? Remaining)
{
    public static bool TryParseKind(string? text, out FeedCorruptionKind kind)
    {
        kind = text switch
        {
            "none" => FeedCorruptionKind.None,
            "malformed-page" => FeedCorruptionKind.MalformedPage,
            "negative" => FeedCorruptionKind.Negative,
            "non-numeric" => FeedCorruptionKind.NonNumeric,
            "duplicate-sku" => FeedCorruptionKind.DuplicateSku,
            "fail-page" => FeedCorruptionKind.FailPage,
            _ => (FeedCorruptionKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static string Name(FeedCorruptionKind kind) => kind switch
    {
        FeedCorruptionKind.MalformedPage => "malformed-page",
        FeedCorruptionKind.Negative => "negative",
        FeedCorruptionKind.NonNumeric => "non-numeric",
        FeedCorruptionKind.DuplicateSku => "duplicate-sku",
        FeedCorruptionKind.FailPage => "fail-page",
        _ => "none",
    };

    /// <summary>Spoils a well-formed page body (<c>{items, next_cursor}</c>) in place, for the kinds that keep it JSON.</summary>
    public static void Apply(FeedCorruptionKind kind, JsonObject page)
    {
        if (page["items"] is not JsonArray { Count: > 0 } items || items[0] is not JsonObject first)
        {
            return;
        }
        var quantity = first["quantity"]?.GetValue<int>() ?? 0;
        switch (kind)
        {
            case FeedCorruptionKind.Negative:
                first["quantity"] = -1 - quantity;
                break;
            case FeedCorruptionKind.NonNumeric:
                first["quantity"] = quantity + "abc";
                break;
            case FeedCorruptionKind.DuplicateSku:
                var copy = (JsonObject)first.DeepClone();
                copy["quantity"] = quantity + 1;
                items.Insert(1, copy);
                break;
        }
    }
}
