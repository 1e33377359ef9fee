using System.Text.Json;

namespace Connector.Shipments;

/// <summary>A page of GET {back office}/shipments once checked: its usable records, the refused ones, and where the feed resumes.</summary>
public sealed record ShipmentFeedPage(IReadOnlyList<FulfilmentRecord> Records, IReadOnlyList<RefusedRecord> Refused, string NextCursor, bool HasMore);

/// <summary>The page as a whole cannot be trusted (not JSON, no records, no cursor): the cursor stays, and the run is retried.</summary>
public sealed class ShipmentFeedException(string message, Exception? inner = null) : Exception(message, inner);

public static class ShipmentFeedParser
{
    public static ShipmentFeedPage Parse(string body, string storeHash)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new ShipmentFeedException($"The shipments feed page is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                throw new ShipmentFeedException("The shipments feed page has no records array.");
            }

            if (!root.TryGetProperty("next_cursor", out var cursor) || cursor.ValueKind != JsonValueKind.String || cursor.GetString() is not { Length: > 0 } next)
            {
                throw new ShipmentFeedException("The shipments feed page has no next_cursor: the feed could not resume after it.");
            }

            var hasMore = root.TryGetProperty("has_more", out var more) && more.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ShipmentFeedException("The shipments feed page's has_more is not true or false."),
            };

            var (accepted, refused) = ShipmentRecordParser.ParseAll(records, storeHash);
            return new ShipmentFeedPage(accepted, refused, next, hasMore);
        }
    }
}
