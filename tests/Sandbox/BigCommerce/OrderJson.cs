using System.Globalization;
using System.Text.Json.Nodes;

namespace Sandbox.BigCommerce;

/// <summary>
/// Renders orders the way V2 does (orders.v2.oas2.yml, order_Resp / orderProducts): snake_case,
/// money as strings with four decimals, dates as RFC 2822, sub-resources as {url, resource}.
/// </summary>
public static class OrderJson
{
    /// <summary>BigCommerce embeds at most this many line items per order in consignments; the rest only via /products.</summary>
    public const int MaxEmbeddedLineItems = 50;

    /// <param name="apiBase">Absolute base of the store's V2 API, e.g. <c>http://127.0.0.1:7101/stores/abc/v2</c>.</param>
    public static JsonObject Order(StoredOrder o, string apiBase, ConsignmentInclude include)
    {
        var json = new JsonObject
        {
            ["id"] = o.Id,
            ["customer_id"] = o.CustomerId,
            ["date_created"] = BigCommerceDates.Format(o.DateCreated),
            ["date_modified"] = BigCommerceDates.Format(o.DateModified),
            ["date_shipped"] = o.DateShipped is { } shipped ? BigCommerceDates.Format(shipped) : "",
            ["status_id"] = o.StatusId,
            ["status"] = o.StatusName,
            ["subtotal_ex_tax"] = Money(o.SubtotalExTax),
            ["subtotal_inc_tax"] = Money(o.SubtotalIncTax),
            ["subtotal_tax"] = Money(o.SubtotalTax),
            ["base_shipping_cost"] = Money(o.Shipping.CostExTax),
            ["shipping_cost_ex_tax"] = Money(o.Shipping.CostExTax),
            ["shipping_cost_inc_tax"] = Money(o.Shipping.CostIncTax),
            ["shipping_cost_tax"] = Money(o.Shipping.CostTax),
            ["shipping_cost_tax_class_id"] = 2,
            ["base_handling_cost"] = Money(0),
            ["handling_cost_ex_tax"] = Money(0),
            ["handling_cost_inc_tax"] = Money(0),
            ["handling_cost_tax"] = Money(0),
            ["handling_cost_tax_class_id"] = 2,
            ["base_wrapping_cost"] = Money(0),
            ["wrapping_cost_ex_tax"] = Money(0),
            ["wrapping_cost_inc_tax"] = Money(0),
            ["wrapping_cost_tax"] = Money(0),
            ["wrapping_cost_tax_class_id"] = 3,
            ["total_ex_tax"] = Money(o.TotalExTax),
            ["total_inc_tax"] = Money(o.TotalIncTax),
            ["total_tax"] = Money(o.TotalTax),
            ["is_tax_inclusive_pricing"] = false,
            ["items_total"] = o.ItemsTotal,
            ["items_shipped"] = o.ItemsShipped,
            ["payment_method"] = o.PaymentMethod,
            ["payment_provider_id"] = "",
            ["payment_status"] = o.PaymentStatus,
            ["refunded_amount"] = Money(0),
            ["order_is_digital"] = false,
            ["store_credit_amount"] = Money(0),
            ["gift_certificate_amount"] = Money(0),
            ["ip_address"] = o.IpAddress,
            ["ip_address_v6"] = "",
            ["geoip_country"] = o.BillingAddress.Country,
            ["geoip_country_iso2"] = o.BillingAddress.CountryIso2,
            ["currency_id"] = 1,
            ["currency_code"] = o.CurrencyCode,
            ["currency_exchange_rate"] = "1.0000000000",
            ["default_currency_id"] = 1,
            ["default_currency_code"] = o.CurrencyCode,
            ["staff_notes"] = o.StaffNotes,
            ["customer_message"] = o.CustomerMessage,
            ["discount_amount"] = Money(0),
            ["coupon_discount"] = Money(0),
            ["shipping_address_count"] = 1,
            ["ebay_order_id"] = "0",
            ["cart_id"] = o.CartId,
            ["billing_address"] = Address(o.BillingAddress),
            ["is_email_opt_in"] = false,
            ["credit_card_type"] = null,
            ["order_source"] = "www",
            ["channel_id"] = o.ChannelId,
            ["external_source"] = null,
            ["products"] = Resource(apiBase, $"/orders/{o.Id}/products"),
            ["shipping_addresses"] = Resource(apiBase, $"/orders/{o.Id}/shippingaddresses"),
            ["coupons"] = Resource(apiBase, $"/orders/{o.Id}/coupons"),
            ["external_id"] = null,
            ["external_merchant_id"] = null,
            ["tax_provider_id"] = "BasicTaxProvider",
            ["store_default_currency_code"] = o.CurrencyCode,
            ["store_default_to_transactional_exchange_rate"] = "1.0000000000",
            ["custom_status"] = o.StatusName,
            ["customer_locale"] = o.CustomerLocale,
            ["external_order_id"] = o.ExternalOrderId,
        };

        if (include != ConsignmentInclude.None)
        {
            json["consignments"] = Consignments(o, apiBase, include);
        }
        return json;
    }

    public static JsonObject Product(StoredOrder o, StoredLine l) => new()
    {
        ["id"] = l.Id,
        ["order_id"] = o.Id,
        ["product_id"] = l.ProductId,
        ["variant_id"] = l.VariantId,
        ["order_pickup_method_id"] = 0,
        ["order_address_id"] = l.OrderAddressId,
        ["name"] = l.Name,
        ["name_customer"] = l.Name,
        ["name_merchant"] = l.Name,
        ["sku"] = l.Sku,
        ["upc"] = "",
        ["type"] = "physical",
        ["base_price"] = Money(l.UnitPriceExTax),
        ["price_ex_tax"] = Money(l.UnitPriceExTax),
        ["price_inc_tax"] = Money(l.UnitPriceIncTax),
        ["price_tax"] = Money(l.UnitTax),
        ["base_total"] = Money(l.TotalExTax),
        ["total_ex_tax"] = Money(l.TotalExTax),
        ["total_inc_tax"] = Money(l.TotalIncTax),
        ["total_tax"] = Money(l.TotalTax),
        ["discounted_total_inc_tax"] = Money(l.TotalIncTax),
        ["weight"] = Money(l.Weight),
        ["width"] = Money(0),
        ["height"] = Money(0),
        ["depth"] = Money(0),
        ["quantity"] = l.Quantity,
        ["base_cost_price"] = Money(0),
        ["cost_price_inc_tax"] = Money(0),
        ["cost_price_ex_tax"] = Money(0),
        ["cost_price_tax"] = Money(0),
        ["is_refunded"] = false,
        ["quantity_refunded"] = 0,
        ["refund_amount"] = Money(0),
        ["return_id"] = 0,
        ["wrapping_id"] = 0,
        ["wrapping_name"] = "",
        ["base_wrapping_cost"] = Money(0),
        ["wrapping_cost_ex_tax"] = Money(0),
        ["wrapping_cost_inc_tax"] = Money(0),
        ["wrapping_cost_tax"] = Money(0),
        ["wrapping_message"] = "",
        ["quantity_shipped"] = l.QuantityShipped,
        ["event_name"] = null,
        ["event_date"] = "",
        ["fixed_shipping_cost"] = Money(0),
        ["ebay_item_id"] = "",
        ["ebay_transaction_id"] = "",
        ["option_set_id"] = null,
        ["parent_order_product_id"] = null,
        ["is_bundled_product"] = false,
        ["bin_picking_number"] = "",
        ["external_id"] = null,
        ["brand"] = l.Brand,
        ["gift_certificate_id"] = null,
        ["applied_discounts"] = new JsonArray(),
        ["product_options"] = new JsonArray(),
        ["configurable_fields"] = new JsonArray(),
    };

    /// <summary>GET /orders/{id}/shipping_addresses item (orderShippingAddress).</summary>
    public static JsonObject ShippingAddress(StoredOrder o, string apiBase)
    {
        var s = o.Shipping;
        var json = Address(s.Address);
        json.Remove("form_fields");
        json.Insert(0, "id", s.Id);
        json.Insert(1, "order_id", o.Id);
        json["items_total"] = o.ItemsTotal;
        json["items_shipped"] = o.ItemsShipped;
        json["shipping_method"] = s.ShippingMethod;
        json["base_cost"] = Money(s.CostExTax);
        json["cost_ex_tax"] = Money(s.CostExTax);
        json["cost_inc_tax"] = Money(s.CostIncTax);
        json["cost_tax"] = Money(s.CostTax);
        json["cost_tax_class_id"] = 2;
        json["base_handling_cost"] = Money(0);
        json["handling_cost_ex_tax"] = Money(0);
        json["handling_cost_inc_tax"] = Money(0);
        json["handling_cost_tax"] = Money(0);
        json["handling_cost_tax_class_id"] = 2;
        json["shipping_zone_id"] = 1;
        json["shipping_zone_name"] = "United States";
        json["shipping_quotes"] = Resource(apiBase, $"/orders/{o.Id}/shippingaddresses/{s.Id}/shippingquotes");
        json["form_fields"] = new JsonArray();
        return json;
    }

    /// <summary>
    /// The object consignment structure. Shipping costs are numbers here, unlike elsewhere in V2,
    /// because that is what the spec's shippingConsignment_Get says.
    /// </summary>
    private static JsonObject Consignments(StoredOrder o, string apiBase, ConsignmentInclude include)
    {
        var s = o.Shipping;
        var lineItems = new JsonArray();
        foreach (var line in o.Lines.Take(MaxEmbeddedLineItems))
        {
            lineItems.Add(include == ConsignmentInclude.LineItems
                ? Product(o, line)
                : Resource(apiBase, $"/orders/{o.Id}/products/{line.Id}"));
        }

        var shipping = Address(s.Address);
        shipping.Insert(0, "id", s.Id);
        shipping["shipping_method"] = s.ShippingMethod;
        shipping["line_items"] = lineItems;
        shipping["items_total"] = o.ItemsTotal;
        shipping["items_shipped"] = o.ItemsShipped;
        shipping["base_cost"] = s.CostExTax;
        shipping["cost_ex_tax"] = s.CostExTax;
        shipping["cost_inc_tax"] = s.CostIncTax;
        shipping["cost_tax"] = s.CostTax;
        shipping["cost_tax_class_id"] = 2;
        shipping["base_handling_cost"] = 0m;
        shipping["handling_cost_ex_tax"] = 0m;
        shipping["handling_cost_inc_tax"] = 0m;
        shipping["handling_cost_tax"] = 0m;
        shipping["handling_cost_tax_class_id"] = 2;
        shipping["shipping_zone_id"] = 1;
        shipping["shipping_zone_name"] = "United States";
        shipping["shipping_quotes"] = Resource(apiBase, $"/orders/{o.Id}/consignments/shipping/{s.Id}/shipping_quotes");

        return new JsonObject
        {
            ["pickups"] = new JsonArray(),
            ["shipping"] = new JsonArray(shipping),
            ["downloads"] = new JsonArray(),
            ["email"] = new JsonObject { ["gift_certificates"] = new JsonArray() },
        };
    }

    private static JsonObject Address(StoredAddress a)
    {
        var address = AddressBase(a);
        address["form_fields"] = new JsonArray();
        return address;
    }

    /// <summary>billingAddress_Base / shippingAddress_Base: the address fields without form_fields (shipments use it as it is).</summary>
    internal static JsonObject AddressBase(StoredAddress a) => new()
    {
        ["first_name"] = a.FirstName,
        ["last_name"] = a.LastName,
        ["company"] = a.Company,
        ["street_1"] = a.Street1,
        ["street_2"] = a.Street2,
        ["city"] = a.City,
        ["state"] = a.State,
        ["zip"] = a.Zip,
        ["country"] = a.Country,
        ["country_iso2"] = a.CountryIso2,
        ["phone"] = a.Phone,
        ["email"] = a.Email,
    };

    private static JsonObject Resource(string apiBase, string resource) => new()
    {
        ["url"] = apiBase + resource,
        ["resource"] = resource,
    };

    public static string Money(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
