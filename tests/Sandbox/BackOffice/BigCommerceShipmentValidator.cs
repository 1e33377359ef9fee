using System.Text.Json;

namespace Sandbox.BackOffice;

/// <summary>
/// Checks a <c>POST /backoffice/bigcommerce-shipments</c> body against docs/back-office.openapi.yaml
/// (BigCommerceShipment): the ids, the lines, and that no address or customer field came along (the contract
/// carries none, and a strict back office would refuse one).
/// </summary>
public static class BigCommerceShipmentValidator
{
    public sealed record Valid(string StoreHash, long OrderId, long ShipmentId);

    /// <summary>Fields the contract leaves out on purpose: addresses and the customer.</summary>
    public static IReadOnlyList<string> Forbidden { get; } =
        ["billing_address", "shipping_address", "customer_id", "customer", "email", "first_name", "last_name", "phone"];

    public static Valid? Validate(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("The body must be a JSON object.");
            return null;
        }

        var store = root.TryGetProperty("store_hash", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (string.IsNullOrWhiteSpace(store))
        {
            errors.Add("store_hash is required.");
        }

        var orderId = PositiveLong(root, "order_id", errors);
        var shipmentId = PositiveLong(root, "shipment_id", errors);
        foreach (var name in new[] { "created_at", "tracking_number", "shipping_provider", "tracking_carrier", "tracking_link", "shipping_method" })
        {
            if (root.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                errors.Add($"{name} must be a string or null.");
            }
        }

        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
        {
            errors.Add("items must be a non-empty array.");
        }
        else
        {
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"items[{index}] must be an object.");
                }
                else
                {
                    PositiveLong(item, "order_product_id", errors, $"items[{index}].");
                    PositiveLong(item, "quantity", errors, $"items[{index}].");
                }
                index++;
            }
        }

        foreach (var name in Forbidden.Where(n => root.TryGetProperty(n, out _)))
        {
            errors.Add($"{name} must not be sent: the contract carries no address or customer data.");
        }

        return errors.Count == 0 ? new Valid(store!, orderId, shipmentId) : null;
    }

    private static long PositiveLong(JsonElement element, string name, List<string> errors, string prefix = "")
    {
        if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0)
        {
            return number;
        }
        errors.Add($"{prefix}{name} must be a positive integer.");
        return 0;
    }
}
