using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.BigCommerce;

/// <summary>
/// A <c>POST /orders/{order_id}/shipments</c> body (orderShipment_Post), checked for shape only;
/// whether it fits the order (address, products, quantities left) is <see cref="ShipmentRules"/>' job.
/// </summary>
public sealed record ShipmentRequest(
    long OrderAddressId,
    IReadOnlyList<ShipmentRequestItem> Items,
    string TrackingNumber,
    string TrackingLink,
    string TrackingCarrier,
    string ShippingProvider,
    string ShippingMethod,
    string Comments,
    decimal MerchantShippingCost)
{
    /// <summary>For fields the spec gives no maxLength.</summary>
    private const int NoLimit = int.MaxValue;

    private static readonly string[] Writable =
        ["order_address_id", "items", "tracking_number", "tracking_link", "tracking_carrier", "shipping_provider", "shipping_method", "comments", "merchant_shipping_cost"];

    // Read-only in orderShipment: BigCommerce's answer to writing one (the spec's 400 example).
    private static readonly string[] ReadOnly =
        ["id", "order_id", "customer_id", "date_created", "billing_address", "shipping_address", "shipping_provider_display_name", "generated_tracking_link"];

    public static bool TryParse(JsonObject body, [NotNullWhen(true)] out ShipmentRequest? request, [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (body.Select(p => p.Key).FirstOrDefault(k => ReadOnly.Contains(k, StringComparer.Ordinal)) is { } readOnly)
        {
            error = CannotWrite(readOnly);
            return false;
        }
        var unsupported = body.Select(p => p.Key).Where(k => !Writable.Contains(k, StringComparer.Ordinal)).ToList();
        if (unsupported.Count > 0)
        {
            error = $"The sandbox doesn't know the field(s) {string.Join(", ", unsupported)}. Known: {string.Join(", ", Writable)}.";
            return false;
        }

        if (body["order_address_id"] is null)
        {
            error = Required("order_address_id");
            return false;
        }
        if (!TryId(body["order_address_id"], out var addressId))
        {
            error = Invalid("order_address_id");
            return false;
        }
        if (!TryItems(body["items"], out var items, out error))
        {
            return false;
        }

        if (!TryText(body, "tracking_number", 50, out var trackingNumber, out error) ||
            !TryText(body, "tracking_link", 500, out var trackingLink, out error) ||
            !TryText(body, "tracking_carrier", NoLimit, out var trackingCarrier, out error) ||
            !TryText(body, "shipping_provider", NoLimit, out var provider, out error) ||
            !TryText(body, "shipping_method", NoLimit, out var method, out error) ||
            !TryText(body, "comments", 65535, out var comments, out error) ||
            !TryText(body, "merchant_shipping_cost", NoLimit, out var cost, out error))
        {
            return false;
        }
        if (!ShippingProviders.IsAcceptable(provider))
        {
            error = $"The field 'shipping_provider' is invalid. Use one of '', {string.Join(", ", ShippingProviders.Standard.Where(p => p.Length > 0))} or {ShippingProviders.CustomPrefix}{{carrier_id}}.";
            return false;
        }
        var merchantCost = 0m;
        if (cost.Length > 0 && (!decimal.TryParse(cost, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out merchantCost)))
        {
            error = Invalid("merchant_shipping_cost");
            return false;
        }

        request = new ShipmentRequest(addressId, items, trackingNumber, trackingLink, trackingCarrier, provider, method, comments, merchantCost);
        return true;
    }

    private static bool TryItems(JsonNode? node, out IReadOnlyList<ShipmentRequestItem> items, [NotNullWhen(false)] out string? error)
    {
        items = [];
        if (node is null)
        {
            error = Required("items");
            return false;
        }
        if (node is not JsonArray array || array.Count == 0)
        {
            error = "The field 'items' is invalid: it must be a non-empty array of {order_product_id, quantity}.";
            return false;
        }

        var parsed = new List<ShipmentRequestItem>(array.Count);
        foreach (var entry in array)
        {
            if (entry is not JsonObject item)
            {
                error = "The field 'items' is invalid: every item must be an object {order_product_id, quantity}.";
                return false;
            }
            if (item.ContainsKey("product_id"))
            {
                error = CannotWrite("items.product_id");
                return false;
            }
            if (item.Select(p => p.Key).FirstOrDefault(k => k is not ("order_product_id" or "quantity")) is { } unknown)
            {
                error = $"The sandbox doesn't know the field 'items.{unknown}'. Known: order_product_id, quantity.";
                return false;
            }
            if (item["order_product_id"] is null || item["quantity"] is null)
            {
                error = Required(item["order_product_id"] is null ? "items.order_product_id" : "items.quantity");
                return false;
            }
            if (!TryId(item["order_product_id"], out var orderProductId))
            {
                error = Invalid("items.order_product_id");
                return false;
            }
            if (item["quantity"]!.GetValueKind() != JsonValueKind.Number || !item["quantity"]!.AsValue().TryGetValue<int>(out var quantity))
            {
                error = Invalid("items.quantity");
                return false;
            }
            if (quantity <= 0)
            {
                error = $"The field 'items.quantity' is invalid: order product {orderProductId} has quantity {quantity}; a shipment ships at least 1 of each item.";
                return false;
            }
            parsed.Add(new ShipmentRequestItem(orderProductId, quantity));
        }
        items = parsed;
        error = null;
        return true;
    }

    /// <summary>An id as a JSON integer, or a string of digits as in the docs' own example (<c>"order_address_id": "128"</c>).</summary>
    private static bool TryId(JsonNode? node, out long id)
    {
        id = 0;
        if (node is null)
        {
            return false;
        }
        return node.GetValueKind() switch
        {
            JsonValueKind.Number => node.AsValue().TryGetValue(out id) && id > 0,
            JsonValueKind.String => long.TryParse(node.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0,
            _ => false,
        };
    }

    /// <summary>An optional string field: absent or null reads as empty.</summary>
    private static bool TryText(JsonObject body, string name, int maxLength, out string value, [NotNullWhen(false)] out string? error)
    {
        value = "";
        error = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            error = Invalid(name);
            return false;
        }
        value = node.GetValue<string>();
        if (value.Length > maxLength)
        {
            error = $"The field '{name}' is invalid: at most {maxLength} characters.";
            return false;
        }
        return true;
    }

    private static string Required(string name) => $"The required field '{name}' was not supplied.";

    private static string Invalid(string name) => $"The field '{name}' is invalid.";

    private static string CannotWrite(string name) => $"The field '{name}' cannot be written to. Please remove it from your request before trying again.";
}

public sealed record ShipmentRequestItem(long OrderProductId, int Quantity);
