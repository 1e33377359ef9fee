using System.Globalization;
using System.Text.Json;

namespace Connector.Shipments;

/// <summary>
/// Checks shipment and cancellation records (docs/back-office.openapi.yaml, ShipmentRecord and CancellationRecord), the
/// same for the feed and the push: a record that is not the documented shape, or names another store, is refused on
/// its own with its reason; nothing in it is guessed.
/// </summary>
public static class ShipmentRecordParser
{
    public const int MaxIdLength = 100;
    public const int MaxTrackingNumberLength = 50;
    public const int MaxTrackingLinkLength = 500;
    public const int MaxTextLength = 1000;
    public const int MaxItems = 500;

    /// <param name="storeHash">The store the records must be for: the feed's, or null for a push (which names it per record).</param>
    public static (IReadOnlyList<FulfilmentRecord> Accepted, IReadOnlyList<RefusedRecord> Refused) ParseAll(JsonElement records, string? storeHash)
    {
        var accepted = new List<FulfilmentRecord>();
        var refused = new List<RefusedRecord>();
        var index = 0;
        foreach (var record in records.EnumerateArray())
        {
            var (parsed, problem) = Parse(record, index, storeHash);
            if (parsed is not null)
            {
                accepted.Add(parsed);
            }
            else
            {
                refused.Add(problem!);
            }

            index++;
        }

        return (accepted, refused);
    }

    public static (FulfilmentRecord? Record, RefusedRecord? Problem) Parse(JsonElement record, int index, string? storeHash)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return Refuse(index, null, "not an object");
        }

        var id = Text(record, "id");
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength)
        {
            return Refuse(index, null, $"id must be a string of 1 to {MaxIdLength} characters");
        }

        var store = Text(record, "store_hash");
        if (string.IsNullOrWhiteSpace(store))
        {
            return Refuse(index, id, "store_hash is missing");
        }

        if (storeHash is not null && !string.Equals(store, storeHash, StringComparison.Ordinal))
        {
            return Refuse(index, id, $"store_hash '{Cut(store)}' is not the store this feed is for");
        }

        if (!record.TryGetProperty("order_id", out var orderElement) || orderElement.ValueKind != JsonValueKind.Number
            || !orderElement.TryGetInt64(out var orderId) || orderId <= 0)
        {
            return Refuse(index, id, "order_id must be a positive whole number");
        }

        return Text(record, "type") switch
        {
            "shipment" => ParseShipment(record, index, id, store, orderId),
            "cancellation" => ParseCancellation(record, index, id, store, orderId),
            var other => Refuse(index, id, $"type must be 'shipment' or 'cancellation', not '{Cut(other ?? "")}'"),
        };
    }

    private static (FulfilmentRecord?, RefusedRecord?) ParseShipment(JsonElement record, int index, string id, string store, long orderId)
    {
        if (!record.TryGetProperty("items", out var itemsElement) || itemsElement.ValueKind != JsonValueKind.Array
            || itemsElement.GetArrayLength() is 0 or > MaxItems)
        {
            return Refuse(index, id, $"items must be an array of 1 to {MaxItems} lines");
        }

        var items = new List<ShipmentLine>();
        var line = 0;
        foreach (var item in itemsElement.EnumerateArray())
        {
            if (ParseLine(item) is not { } parsed)
            {
                return Refuse(index, id, $"items[{line}] must have a sku or an order_product_id (not both) and a quantity of at least 1");
            }

            items.Add(parsed);
            line++;
        }

        if (!record.TryGetProperty("shipped_at", out var shippedElement) || shippedElement.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParse(shippedElement.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var shippedAt)
            || !HasOffset(shippedElement.GetString()!))
        {
            return Refuse(index, id, "shipped_at must be an ISO-8601 date-time with an offset");
        }

        var tracking = Optional(record, "tracking_number", MaxTrackingNumberLength, out var problem);
        var carrier = problem is null ? Optional(record, "carrier", MaxTextLength, out problem) : null;
        var link = problem is null ? Optional(record, "tracking_link", MaxTrackingLinkLength, out problem) : null;
        var method = problem is null ? Optional(record, "shipping_method", MaxTextLength, out problem) : null;
        var location = problem is null ? Optional(record, "location", MaxTextLength, out problem) : null;
        var comments = problem is null ? Optional(record, "comments", MaxTextLength, out problem) : null;
        if (problem is not null)
        {
            return Refuse(index, id, problem);
        }

        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
        {
            return Refuse(index, id, "tracking_link must be an absolute http(s) address");
        }

        return (new FulfilmentRecord(new BackOfficeShipment(id, store, orderId, items, tracking, carrier, link, method, shippedAt, location, comments), null), null);
    }

    private static (FulfilmentRecord?, RefusedRecord?) ParseCancellation(JsonElement record, int index, string id, string store, long orderId)
    {
        var reason = Optional(record, "reason", MaxTextLength, out var problem);
        if (problem is not null)
        {
            return Refuse(index, id, problem);
        }

        DateTimeOffset? cancelledAt = null;
        if (record.TryGetProperty("cancelled_at", out var at) && at.ValueKind != JsonValueKind.Null)
        {
            if (at.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !HasOffset(at.GetString()!))
            {
                return Refuse(index, id, "cancelled_at must be an ISO-8601 date-time with an offset");
            }

            cancelledAt = parsed;
        }

        return (new FulfilmentRecord(null, new BackOfficeCancellation(id, store, orderId, reason, cancelledAt)), null);
    }

    private static ShipmentLine? ParseLine(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("quantity", out var quantityElement)
            || quantityElement.ValueKind != JsonValueKind.Number || !quantityElement.TryGetInt32(out var quantity) || quantity < 1)
        {
            return null;
        }

        var sku = Text(item, "sku");
        long? productId = item.TryGetProperty("order_product_id", out var idElement) && idElement.ValueKind == JsonValueKind.Number
            && idElement.TryGetInt64(out var parsed) && parsed > 0 ? parsed : null;
        var hasProductField = item.TryGetProperty("order_product_id", out var raw) && raw.ValueKind != JsonValueKind.Null;
        if (hasProductField && productId is null)
        {
            return null;
        }

        return (string.IsNullOrWhiteSpace(sku), productId is null) switch
        {
            (false, true) => new ShipmentLine(sku, null, quantity),
            (true, false) => new ShipmentLine(null, productId, quantity),
            _ => null,
        };
    }

    /// <summary>An optional string: absent or null is null; another type, or longer than allowed, is a problem.</summary>
    private static string? Optional(JsonElement record, string name, int maxLength, out string? problem)
    {
        problem = null;
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            problem = $"{name} must be a string";
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            problem = $"{name} is longer than {maxLength} characters";
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A date-time without an offset would be read in the machine's zone: refused rather than guessed.</summary>
    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    private static string Cut(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static (FulfilmentRecord?, RefusedRecord?) Refuse(int index, string? id, string error) => (null, new RefusedRecord(index, id, error));
}
