using System.Globalization;
using System.Text.Json;
using Connector.BigCommerce;

namespace Connector.Tests.TestSupport;

/// <summary>V2 order bodies shaped as orders.v2.oas2.yml documents them.</summary>
public static class V2OrderJson
{
    /// <summary>
    /// The spec's order_Resp example (order 218) as GET /v2/orders/218?include=consignments.line_items&amp;consignment_structure=object
    /// returns it: one shipping consignment (id 99) embedding its two line items (12: 3 × 15.0000, 13: 1 × 22.8400 inc. tax, adding up to the subtotal; items_total 4).
    /// </summary>
    public const string SpecExample = """
        {
          "id": 218,
          "customer_id": 11,
          "date_created": "Tue, 05 Mar 2019 21:40:11 +0000",
          "date_modified": "Mon, 11 Mar 2019 15:17:25 +0000",
          "date_shipped": "",
          "status_id": 7,
          "status": "Awaiting Payment",
          "subtotal_ex_tax": "62.6793",
          "subtotal_inc_tax": "67.8400",
          "subtotal_tax": "4.4000",
          "base_shipping_cost": "12.0000",
          "shipping_cost_ex_tax": "11.0900",
          "shipping_cost_inc_tax": "12.0000",
          "shipping_cost_tax": "0.9100",
          "shipping_cost_tax_class_id": 0,
          "base_handling_cost": "0.0000",
          "handling_cost_ex_tax": "0.0000",
          "handling_cost_inc_tax": "0.0000",
          "handling_cost_tax": "0.0000",
          "total_ex_tax": "64.5300",
          "total_inc_tax": "69.8400",
          "total_tax": "5.3100",
          "is_tax_inclusive_pricing": false,
          "items_total": 4,
          "items_shipped": 0,
          "payment_method": "Cash",
          "payment_provider_id": "",
          "payment_status": "authorized",
          "refunded_amount": "0.0000",
          "order_is_digital": false,
          "store_credit_amount": "0.0000",
          "currency_id": 1,
          "currency_code": "USD",
          "currency_exchange_rate": "1.0000000000",
          "default_currency_id": 1,
          "default_currency_code": "USD",
          "staff_notes": "",
          "customer_message": "Leave in backyard",
          "discount_amount": "5.0000",
          "coupon_discount": "5.0000",
          "shipping_address_count": 1,
          "ebay_order_id": "0",
          "cart_id": "7e48f7ef-2e88-4817-aea4-b0ed01490114",
          "billing_address": {
            "first_name": "Jane",
            "last_name": "Doe",
            "company": "",
            "street_1": "555 East Street",
            "street_2": "",
            "city": "Austin",
            "state": "Texas",
            "zip": "78108",
            "country": "United States",
            "country_iso2": "US",
            "phone": "1234567890",
            "email": "janedoe@example.com",
            "form_fields": [ { "name": "Delivery Instructions", "value": "Leave in backyard" } ]
          },
          "is_email_opt_in": false,
          "credit_card_type": null,
          "order_source": "external",
          "channel_id": 1,
          "external_source": null,
          "products": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/218/products", "resource": "/orders/218/products" },
          "shipping_addresses": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/218/shippingaddresses", "resource": "/orders/218/shippingaddresses" },
          "coupons": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/218/coupons", "resource": "/orders/218/coupons" },
          "external_id": null,
          "tax_provider_id": "BasicTaxProvider",
          "custom_status": "Awaiting Payment",
          "customer_locale": "en",
          "external_order_id": "external-order-id",
          "consignments": {
            "pickups": [],
            "shipping": [
              {
                "id": 99,
                "first_name": "John",
                "last_name": "Roe",
                "company": "Laser Ltd",
                "street_1": "123 Main Street",
                "street_2": "Suite 7",
                "city": "Austin",
                "state": "Texas",
                "zip": "12345",
                "country": "United States",
                "country_iso2": "US",
                "phone": "0410999888",
                "email": "johnroe@example.com",
                "form_fields": [ { "name": "License Id", "value": "123BAF" } ],
                "shipping_method": "Free Shipping",
                "line_items": [
                  {
                    "id": 12, "order_id": 218, "product_id": 77, "order_pickup_method_id": 0, "order_address_id": 99,
                    "name": "Fog Linen Chambray Towel - Beige Stripe", "sku": "SLCTBS", "type": "physical",
                    "base_price": "13.8598", "price_ex_tax": "13.8598", "price_inc_tax": "15.0000", "price_tax": "1.1402",
                    "base_total": "41.5794", "total_ex_tax": "41.5794", "total_inc_tax": "45.0000", "total_tax": "3.4206",
                    "quantity": 3, "is_refunded": false, "variant_id": 341, "product_options": []
                  },
                  {
                    "id": 13, "order_id": 218, "product_id": 80, "order_pickup_method_id": 0, "order_address_id": 99,
                    "name": "Orbit Terrarium - Large", "sku": "OTL", "type": "physical",
                    "base_price": "21.0999", "price_ex_tax": "21.0999", "price_inc_tax": "22.8400", "price_tax": "1.7401",
                    "base_total": "21.0999", "total_ex_tax": "21.0999", "total_inc_tax": "22.8400", "total_tax": "1.7401",
                    "quantity": 1, "is_refunded": false, "variant_id": 0, "product_options": []
                  }
                ],
                "items_total": 4,
                "items_shipped": 0,
                "base_cost": 5.1,
                "cost_ex_tax": 5.1,
                "cost_inc_tax": 6.2,
                "shipping_zone_id": 1,
                "shipping_zone_name": "United States",
                "shipping_quotes": { "url": "https://api.bigcommerce.com/stores/abc123/v2/orders/218/consignments/shipping/99/shipping_quotes", "resource": "/orders/218/consignments/shipping/99/shipping_quotes" }
              }
            ],
            "downloads": [],
            "email": { "gift_certificates": [] }
          }
        }
        """;

    public static V2Order Deserialize(string json) =>
        JsonSerializer.Deserialize<V2Order>(json, BigCommerceJson.Options)
        ?? throw new InvalidOperationException("The JSON was null.");

    /// <summary>A list-shaped order: the fields GET /v2/orders returns that the connector relies on.</summary>
    public static string Minimal(long id, DateTimeOffset modified, int statusId = 11) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {"id":{{id}},"customer_id":0,"date_created":"{{Rfc2822Date.Format(modified.AddDays(-1))}}","date_modified":"{{Rfc2822Date.Format(modified)}}","status_id":{{statusId}},"status":"Awaiting Fulfillment","total_inc_tax":"10.0000","items_total":1}
            """);

    public static string Array(IEnumerable<string> orders) => "[" + string.Join(",", orders) + "]";

    /// <summary>A line item as GET /v2/orders/{id}/products returns it.</summary>
    public static string Product(long id, long orderId, int quantity = 1) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {"id":{{id}},"order_id":{{orderId}},"product_id":{{1000 + id}},"order_address_id":99,"name":"Item {{id}}","sku":"SKU-{{id}}","quantity":{{quantity}},"price_ex_tax":"1.0000","price_inc_tax":"1.0000","total_ex_tax":"1.0000","total_inc_tax":"1.0000"}
            """);
}
