using System.Globalization;
using System.Text.Json;

namespace Sandbox.BackOffice;

/// <summary>
/// Checks a body against the canonical order contract (docs/back-office.openapi.yaml) the way an
/// integrator's back office would: every non-nullable property present with the right JSON type,
/// money as JSON numbers (never strings), dates as ISO-8601 with an offset. Written against the
/// JSON, not the connector's C# types, so a serializer mistake on the connector side shows up here.
/// </summary>
public static class CanonicalOrderValidator
{
    public sealed record ValidOrder(string StoreHash, long OrderId, DateTimeOffset ModifiedAt);

    public static ValidOrder? Validate(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("The body must be a JSON object.");
            return null;
        }

        var storeHash = RequiredString(root, "store_hash", errors);
        var orderId = RequiredInteger(root, "order_id", errors);
        RequiredDate(root, "created_at", errors);
        var modifiedAt = RequiredDate(root, "modified_at", errors);
        RequiredString(root, "currency", errors);
        RequiredInteger(root, "channel_id", errors);
        OptionalString(root, "customer_message", errors);
        OptionalString(root, "staff_notes", errors);
        OptionalString(root, "external_order_id", errors);

        if (RequiredObject(root, "status", errors) is { } status)
        {
            RequiredInteger(status, "status.id", errors, "id");
            RequiredString(status, "status.name", errors, "name");
        }

        if (RequiredObject(root, "totals", errors) is { } totals)
        {
            foreach (var name in new[] { "subtotal_ex_tax", "subtotal_inc_tax", "shipping_ex_tax", "shipping_inc_tax", "handling_inc_tax", "discount", "tax", "total_ex_tax", "total_inc_tax" })
            {
                RequiredNumber(totals, $"totals.{name}", errors, name);
            }
        }

        if (RequiredObject(root, "payment", errors) is { } payment)
        {
            OptionalString(payment, "payment.method", errors, "method");
            OptionalString(payment, "payment.status", errors, "status");
            RequiredNumber(payment, "payment.refunded_amount", errors, "refunded_amount");
        }

        if (RequiredObject(root, "customer", errors) is { } customer)
        {
            RequiredInteger(customer, "customer.id", errors, "id");
            OptionalString(customer, "customer.email", errors, "email");
            OptionalString(customer, "customer.locale", errors, "locale");
        }

        if (RequiredObject(root, "billing_address", errors) is { } billing)
        {
            Address(billing, "billing_address", errors);
        }

        if (RequiredArray(root, "shipments", errors) is { } shipments)
        {
            var i = 0;
            foreach (var shipment in shipments.EnumerateArray())
            {
                var at = $"shipments[{i++}]";
                if (shipment.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{at} must be an object.");
                    continue;
                }
                RequiredInteger(shipment, $"{at}.consignment_id", errors, "consignment_id");
                OptionalString(shipment, $"{at}.shipping_method", errors, "shipping_method");
                if (RequiredObject(shipment, $"{at}.address", errors, "address") is { } address)
                {
                    Address(address, $"{at}.address", errors);
                }
                if (RequiredArray(shipment, $"{at}.line_ids", errors, "line_ids") is { } lineIds &&
                    lineIds.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out _)))
                {
                    errors.Add($"{at}.line_ids must hold integers.");
                }
            }
        }

        if (RequiredArray(root, "lines", errors) is { } lines)
        {
            var i = 0;
            foreach (var line in lines.EnumerateArray())
            {
                var at = $"lines[{i++}]";
                if (line.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"{at} must be an object.");
                    continue;
                }
                RequiredInteger(line, $"{at}.line_id", errors, "line_id");
                RequiredInteger(line, $"{at}.product_id", errors, "product_id");
                OptionalInteger(line, $"{at}.variant_id", errors, "variant_id");
                OptionalString(line, $"{at}.sku", errors, "sku");
                RequiredString(line, $"{at}.name", errors, "name");
                RequiredInteger(line, $"{at}.quantity", errors, "quantity");
                foreach (var name in new[] { "unit_price_ex_tax", "unit_price_inc_tax", "total_ex_tax", "total_inc_tax" })
                {
                    RequiredNumber(line, $"{at}.{name}", errors, name);
                }
            }
        }

        return errors.Count == 0 && storeHash is not null && orderId is not null && modifiedAt is not null
            ? new ValidOrder(storeHash, orderId.Value, modifiedAt.Value)
            : null;
    }

    private static void Address(JsonElement address, string at, List<string> errors)
    {
        foreach (var property in address.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                errors.Add($"{at}.{property.Name} must be a string or null.");
            }
        }
    }

    private static JsonElement? Get(JsonElement parent, string name, string path, List<string> errors, bool required)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                errors.Add($"{path} is required.");
            }
            return null;
        }
        return value;
    }

    private static string? RequiredString(JsonElement parent, string path, List<string> errors, string? name = null)
    {
        if (Get(parent, name ?? path, path, errors, required: true) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            errors.Add($"{path} must be a non-empty string.");
            return null;
        }
        return value.GetString();
    }

    private static void OptionalString(JsonElement parent, string path, List<string> errors, string? name = null)
    {
        if (Get(parent, name ?? path, path, errors, required: false) is { } value && value.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path} must be a string or null.");
        }
    }

    private static long? RequiredInteger(JsonElement parent, string path, List<string> errors, string? name = null)
    {
        if (Get(parent, name ?? path, path, errors, required: true) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var result))
        {
            errors.Add($"{path} must be an integer.");
            return null;
        }
        return result;
    }

    private static void OptionalInteger(JsonElement parent, string path, List<string> errors, string? name = null)
    {
        if (Get(parent, name ?? path, path, errors, required: false) is { } value &&
            (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _)))
        {
            errors.Add($"{path} must be an integer or null.");
        }
    }

    private static void RequiredNumber(JsonElement parent, string path, List<string> errors, string name)
    {
        if (Get(parent, name, path, errors, required: true) is { } value && value.ValueKind != JsonValueKind.Number)
        {
            errors.Add($"{path} must be a JSON number (money is never a string in this contract).");
        }
    }

    private static DateTimeOffset? RequiredDate(JsonElement parent, string path, List<string> errors)
    {
        if (Get(parent, path, path, errors, required: true) is not { } value)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
        var hasOffset = text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (hasOffset && text.Contains('T', StringComparison.Ordinal) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var result))
        {
            return result;
        }
        errors.Add($"{path} must be an ISO-8601 date-time string with an offset.");
        return null;
    }

    private static JsonElement? RequiredObject(JsonElement parent, string path, List<string> errors, string? name = null)
    {
        if (Get(parent, name ?? path, path, errors, required: true) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path} must be an object.");
            return null;
        }
        return value;
    }

    private static JsonElement? RequiredArray(JsonElement parent, string path, List<string> errors, string? name = null)
    {
        if (Get(parent, name ?? path, path, errors, required: true) is not { } value)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{path} must be an array.");
            return null;
        }
        return value;
    }
}
