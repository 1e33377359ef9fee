using System.Globalization;
using System.Text.Json;

namespace Connector.CatalogPush;

/// <summary>A page of GET {back office}/catalog-changes once checked: usable changes, refused records, where the feed resumes.</summary>
public sealed record CatalogChangePage(IReadOnlyList<CatalogChange> Changes, IReadOnlyList<RefusedChange> Refused, string NextCursor, bool HasMore);

/// <summary>The page as a whole cannot be trusted (not JSON, no records, no cursor): the cursor stays where it was.</summary>
public sealed class CatalogChangeFeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads one page of the catalog-changes feed: <c>{records: [{sku, changed_at, price?, sale_price?, cost_price?, name?,
/// description?, weight?, is_visible?, availability?}], next_cursor, has_more}</c>. A record that is not usable (no SKU,
/// no change time, a price that is not a number or below zero, a negative weight, an unknown availability) is refused on
/// its own with its reason; the others go on.
/// </summary>
public static class CatalogChangeFeedParser
{
    public static CatalogChangePage Parse(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new CatalogChangeFeedException($"The catalog-changes page is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new CatalogChangeFeedException("The catalog-changes page has no records array.");
            }

            if (!root.TryGetProperty("next_cursor", out var cursor) || cursor.ValueKind != JsonValueKind.String || cursor.GetString() is not { Length: > 0 } next)
            {
                throw new CatalogChangeFeedException("The catalog-changes page has no next_cursor: the feed could not resume after it.");
            }

            var hasMore = root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True;
            var changes = new List<CatalogChange>();
            var refused = new List<RefusedChange>();
            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                var (change, refusal) = ParseRecord(record, index++);
                if (change is not null)
                {
                    changes.Add(change);
                }
                else
                {
                    refused.Add(refusal!);
                }
            }

            return new CatalogChangePage(changes, refused, next, hasMore);
        }
    }

    public static (CatalogChange? Change, RefusedChange? Refused) ParseRecord(JsonElement record, int index)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return (null, new RefusedChange(null, null, $"record {index}: not an object"));
        }

        if (!record.TryGetProperty("sku", out var skuElement) || skuElement.ValueKind != JsonValueKind.String
            || skuElement.GetString() is not { } sku || string.IsNullOrWhiteSpace(sku))
        {
            return (null, new RefusedChange(null, null, $"record {index}: no SKU"));
        }

        if (!record.TryGetProperty("changed_at", out var changedElement) || changedElement.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(changedElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var changedAt))
        {
            return (null, new RefusedChange(sku, null, "no change time (changed_at) the connector can read"));
        }

        string? error = null;
        var change = new CatalogChange(sku, changedAt.ToUniversalTime(),
            Price: Money(record, "price", ref error),
            SalePrice: Money(record, "sale_price", ref error),
            CostPrice: Money(record, "cost_price", ref error),
            Name: Text(record, "name", ref error),
            Description: Text(record, "description", ref error),
            Weight: Number(record, "weight", ref error),
            IsVisible: Flag(record, "is_visible", ref error),
            Availability: Text(record, "availability", ref error));
        if (error is null && change.Weight < 0)
        {
            error = $"weight {change.Weight.Value.ToString(CultureInfo.InvariantCulture)} is negative";
        }

        if (error is null && change.Availability is { } availability && !CatalogChange.Availabilities.Contains(availability))
        {
            error = $"availability '{Cut(availability)}' is not one of available, disabled, preorder";
        }

        return error is null ? (change, null) : (null, new RefusedChange(sku, change.ChangedAt, error));
    }

    private static decimal? Money(JsonElement record, string name, ref string? error)
    {
        var value = Number(record, name, ref error);
        if (value < 0 && error is null)
        {
            error = $"{name} {value.Value.ToString(CultureInfo.InvariantCulture)} is below zero";
        }

        return value;
    }

    private static decimal? Number(JsonElement record, string name, ref string? error)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        error ??= $"{name} {Cut(value.GetRawText())} is not a number";
        return null;
    }

    private static string? Text(JsonElement record, string name, ref string? error)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        error ??= $"{name} is not a string";
        return null;
    }

    private static bool? Flag(JsonElement record, string name, ref string? error)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        error ??= $"{name} is not true or false";
        return null;
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
