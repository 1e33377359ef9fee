using System.Text.Json;

namespace Connector.Inventory;

/// <summary>One valid stock level from the back office's feed.</summary>
public sealed record FeedItem(string Sku, int Quantity, string? Location);

/// <summary>A feed page once checked: the usable items, and why each rejected item was rejected.</summary>
public sealed record InventoryFeedPage(IReadOnlyList<FeedItem> Items, string? NextCursor, IReadOnlyList<string> Rejected);

/// <summary>The page as a whole cannot be trusted (not JSON, no items array): the scan stops and is retried.</summary>
public sealed class InventoryFeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads and checks one page of <c>GET /inventory</c>. An item with a missing SKU, or a quantity that is
/// not a whole number from 0 up, is rejected on its own (reported, never written); a page that is not the
/// documented shape is refused as a whole.
/// </summary>
public static class InventoryFeedParser
{
    public static InventoryFeedPage Parse(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new InventoryFeedException($"The inventory feed page is not JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new InventoryFeedException("The inventory feed page has no items array.");
            }

            string? next = null;
            if (root.TryGetProperty("next_cursor", out var cursor))
            {
                next = cursor.ValueKind switch
                {
                    JsonValueKind.String => cursor.GetString() is { Length: > 0 } s ? s : null,
                    JsonValueKind.Null => null,
                    _ => throw new InventoryFeedException("The inventory feed page's next_cursor is not a string."),
                };
            }

            var accepted = new List<FeedItem>();
            var rejected = new List<string>();
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                var (feedItem, error) = ParseItem(item, index++);
                if (feedItem is not null)
                {
                    accepted.Add(feedItem);
                }
                else
                {
                    rejected.Add(error!);
                }
            }

            return new InventoryFeedPage(accepted, next, rejected);
        }
    }

    private static (FeedItem? Item, string? Error) ParseItem(JsonElement item, int index)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return (null, $"item {index}: not an object");
        }

        if (!item.TryGetProperty("sku", out var skuElement) || skuElement.ValueKind != JsonValueKind.String
            || skuElement.GetString() is not { } sku || string.IsNullOrWhiteSpace(sku))
        {
            return (null, $"item {index}: no SKU");
        }

        if (!item.TryGetProperty("quantity", out var quantityElement) || quantityElement.ValueKind != JsonValueKind.Number
            || !quantityElement.TryGetInt32(out var quantity))
        {
            return (null, $"SKU {sku}: quantity {Raw(item, "quantity")} is not a whole number");
        }

        if (quantity < 0)
        {
            return (null, $"SKU {sku}: quantity {quantity} is negative");
        }

        string? location = null;
        if (item.TryGetProperty("location", out var locationElement))
        {
            if (locationElement.ValueKind == JsonValueKind.String)
            {
                location = locationElement.GetString();
            }
            else if (locationElement.ValueKind != JsonValueKind.Null)
            {
                return (null, $"SKU {sku}: location is not a string");
            }
        }

        return (new FeedItem(sku, quantity, string.IsNullOrWhiteSpace(location) ? null : location), null);
    }

    private static string Raw(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? Cut(value.GetRawText()) : "(missing)";

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
