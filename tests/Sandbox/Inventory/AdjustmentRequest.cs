using System.Text.Json;

namespace Sandbox.Inventory;

/// <summary>
/// Parses and checks an <c>AdjustmentsAbsoluteRequest</c> (inventory.v3.yml): <c>{reason?, items:[{location_id,
/// variant_id | product_id | sku, quantity}]}</c>, 1 to 2,000 items, quantity an integer 0…2,147,483,647.
/// </summary>
public static class AdjustmentRequest
{
    public const int MaxItems = 2000;
    public const long MaxQuantity = int.MaxValue;

    public sealed record Parsed(string? Reason, IReadOnlyList<AdjustmentLine> Lines);

    /// <returns>The lines, or the errors keyed as <c>items</c> / <c>items.{index}.{field}</c>.</returns>
    public static (Parsed? Request, Dictionary<string, string>? Errors) Parse(JsonElement root)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            errors["items"] = "items is required and must be an array";
            return (null, errors);
        }
        string? reason = null;
        if (root.TryGetProperty("reason", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind != JsonValueKind.String)
            {
                errors["reason"] = "reason must be a string";
            }
            else
            {
                reason = r.GetString();
            }
        }
        var count = items.GetArrayLength();
        if (count == 0)
        {
            errors["items"] = "items must contain at least one item";
        }
        else if (count > MaxItems)
        {
            errors["items"] = $"items must contain at most {MaxItems} items, got {count}";
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var lines = new List<AdjustmentLine>(count);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (ParseLine(item, index, errors) is { } line)
            {
                lines.Add(line);
            }
            index++;
        }
        return errors.Count > 0 ? (null, errors) : (new Parsed(reason, lines), null);
    }

    private static AdjustmentLine? ParseLine(JsonElement item, int index, Dictionary<string, string> errors)
    {
        var prefix = $"items.{index}.";
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors[$"items.{index}"] = "item must be an object";
            return null;
        }
        var before = errors.Count;
        var locationId = Integer(item, "location_id", prefix, errors, required: true, min: 1, max: int.MaxValue);
        var quantity = Integer(item, "quantity", prefix, errors, required: true, min: 0, max: MaxQuantity);
        var variantId = Integer(item, "variant_id", prefix, errors, required: false, min: 1, max: long.MaxValue);
        var productId = Integer(item, "product_id", prefix, errors, required: false, min: 1, max: long.MaxValue);
        string? sku = null;
        if (item.TryGetProperty("sku", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            if (s.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(s.GetString()))
            {
                errors[prefix + "sku"] = "sku must be a non-empty string";
            }
            else
            {
                sku = s.GetString();
            }
        }
        var identifiers = (variantId is null ? 0 : 1) + (productId is null ? 0 : 1) + (sku is null ? 0 : 1);
        if (errors.Count == before && identifiers != 1)
        {
            errors[$"items.{index}"] = identifiers == 0
                ? "One of variant_id, product_id or sku is required"
                : "Only one of variant_id, product_id or sku may be given";
        }
        return errors.Count == before ? new AdjustmentLine(index, (int)locationId!.Value, variantId, productId, sku, quantity!.Value) : null;
    }

    private static long? Integer(JsonElement item, string name, string prefix, Dictionary<string, string> errors, bool required, long min, long max)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors[prefix + name] = $"{name} is required";
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            errors[prefix + name] = $"{name} must be an integer";
            return null;
        }
        if (number < min || number > max)
        {
            errors[prefix + name] = $"{name} must be between {min} and {max}, got {number}";
            return null;
        }
        return number;
    }
}
