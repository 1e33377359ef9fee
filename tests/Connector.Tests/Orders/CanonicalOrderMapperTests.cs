using System.Text.Json;
using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Orders;
using Connector.Tests.TestSupport;

namespace Connector.Tests.Orders;

public sealed class CanonicalOrderMapperTests
{
    private const string Store = "abc123";

    private static CanonicalOrder MapSpecExample()
    {
        var order = V2OrderJson.Deserialize(V2OrderJson.SpecExample);
        return CanonicalOrderMapper.Map(Store, order, CanonicalOrderMapper.EmbeddedLines(order));
    }

    private static V2OrderProduct Line(long id, int quantity = 1, long? addressId = null) =>
        new() { Id = id, ProductId = 500 + id, Name = $"Item {id}", Sku = $"SKU-{id}", Quantity = quantity, OrderAddressId = addressId };

    private static V2Address Consignment(long id, params V2OrderProduct[] lines) =>
        new() { Id = id, FirstName = $"Recipient {id}", City = "Austin", ShippingMethod = "Ground", LineItems = lines };

    private static V2Order OrderWith(int itemsTotal, params V2Address[] shipping) => new()
    {
        Id = 300,
        DateCreated = DateTimeOffset.UnixEpoch,
        DateModified = DateTimeOffset.UnixEpoch,
        StatusId = 11,
        ItemsTotal = itemsTotal,
        Consignments = shipping.Length == 0 ? null : new V2Consignments { Shipping = shipping, Pickups = [] },
    };

    [Fact]
    public void Maps_the_identity_dates_and_status_of_the_order()
    {
        var canonical = MapSpecExample();

        Assert.Equal(Store, canonical.StoreHash);
        Assert.Equal(218, canonical.OrderId);
        Assert.Equal(new DateTimeOffset(2019, 3, 5, 21, 40, 11, TimeSpan.Zero), canonical.CreatedAt);
        Assert.Equal(new DateTimeOffset(2019, 3, 11, 15, 17, 25, TimeSpan.Zero), canonical.ModifiedAt);
        Assert.Equal(new OrderStatus(7, "Awaiting Payment"), canonical.Status);
        Assert.Equal("USD", canonical.Currency);
        Assert.Equal(1, canonical.ChannelId);
        Assert.Equal("external-order-id", canonical.ExternalOrderId);
        Assert.Equal("Leave in backyard", canonical.CustomerMessage);
    }

    [Fact]
    public void Reads_money_strings_as_exact_decimals_and_the_totals_add_up()
    {
        var totals = MapSpecExample().Totals;

        Assert.Equal(62.6793m, totals.SubtotalExTax);
        Assert.Equal(67.84m, totals.SubtotalIncTax);
        Assert.Equal(11.09m, totals.ShippingExTax);
        Assert.Equal(12.0000m, totals.ShippingIncTax);
        Assert.Equal(0m, totals.HandlingIncTax);
        Assert.Equal(10m, totals.Discount); // discount_amount 5.0000 + coupon_discount 5.0000
        Assert.Equal(5.31m, totals.Tax);
        Assert.Equal(64.53m, totals.TotalExTax);
        Assert.Equal(69.84m, totals.TotalIncTax);
        Assert.Equal(totals.TotalIncTax, totals.SubtotalIncTax + totals.ShippingIncTax + totals.HandlingIncTax - totals.Discount);
    }

    [Fact]
    public void Maps_payment_and_customer()
    {
        var canonical = MapSpecExample();

        Assert.Equal(new OrderPayment("Cash", "authorized", 0m), canonical.Payment);
        Assert.Equal(new OrderCustomer(11, "janedoe@example.com", "en"), canonical.Customer);
    }

    [Fact]
    public void Maps_the_billing_address()
    {
        var billing = MapSpecExample().BillingAddress;

        Assert.Equal("Jane", billing.FirstName);
        Assert.Equal("Doe", billing.LastName);
        Assert.Equal("", billing.Company);
        Assert.Equal("Austin", billing.City);
        Assert.Equal("Texas", billing.State);
        Assert.Equal("78108", billing.PostalCode);
        Assert.Equal("United States", billing.Country);
        Assert.Equal("US", billing.CountryIso2);
        Assert.Equal("1234567890", billing.Phone);
        Assert.Equal("janedoe@example.com", billing.Email);
    }

    [Fact]
    public void The_street_lines_of_billing_and_shipping_addresses_reach_the_back_office()
    {
        var canonical = MapSpecExample();

        Assert.Equal("555 East Street", canonical.BillingAddress.Street1);
        Assert.Equal("123 Main Street", canonical.Shipments.Single().Address.Street1);
        Assert.Equal("Suite 7", canonical.Shipments.Single().Address.Street2);
    }

    [Fact]
    public void Maps_each_shipping_consignment_to_a_shipment_with_its_address_method_and_line_ids()
    {
        var shipment = Assert.Single(MapSpecExample().Shipments);

        Assert.Equal(99, shipment.ConsignmentId);
        Assert.Equal("Free Shipping", shipment.ShippingMethod);
        Assert.Equal(("John", "Roe", "Laser Ltd"), (shipment.Address.FirstName, shipment.Address.LastName, shipment.Address.Company));
        Assert.Equal(("Austin", "Texas", "12345", "US"), (shipment.Address.City, shipment.Address.State, shipment.Address.PostalCode, shipment.Address.CountryIso2));
        Assert.Equal(("0410999888", "johnroe@example.com"), (shipment.Address.Phone, shipment.Address.Email));
        Assert.Equal(new long[] { 12, 13 }, shipment.LineIds);
    }

    [Fact]
    public void Maps_the_line_items_with_unit_prices_and_totals()
    {
        var lines = MapSpecExample().Lines;

        Assert.Equal(2, lines.Count);
        Assert.Equal(new OrderLine(12, 77, 341, "SLCTBS", "Fog Linen Chambray Towel - Beige Stripe", 3,
            13.8598m, 15.0000m, 41.5794m, 45.0000m), lines[0]);
        Assert.Null(lines[1].VariantId); // variant_id 0: a product without variants
        Assert.Equal(67.84m, lines.Sum(l => l.TotalIncTax));
    }

    [Fact]
    public void Lines_of_two_consignments_go_to_their_own_shipments()
    {
        var order = OrderWith(3, Consignment(99, Line(1), Line(2)), Consignment(100, Line(3)));

        var canonical = CanonicalOrderMapper.Map(Store, order, CanonicalOrderMapper.EmbeddedLines(order));

        Assert.Equal(new long[] { 1, 2, 3 }, canonical.Lines.Select(l => l.LineId));
        Assert.Equal(new long[] { 1, 2 }, canonical.Shipments.Single(s => s.ConsignmentId == 99).LineIds);
        Assert.Equal(new long[] { 3 }, canonical.Shipments.Single(s => s.ConsignmentId == 100).LineIds);
    }

    [Fact]
    public void Lines_read_from_products_join_their_shipment_by_order_address_id()
    {
        var order = OrderWith(2, Consignment(99), Consignment(100));
        IReadOnlyList<V2OrderProduct> fromProducts = [Line(1, addressId: 100), Line(2, addressId: 99)];

        var canonical = CanonicalOrderMapper.Map(Store, order, fromProducts);

        Assert.Equal(new long[] { 2 }, canonical.Shipments.Single(s => s.ConsignmentId == 99).LineIds);
        Assert.Equal(new long[] { 1 }, canonical.Shipments.Single(s => s.ConsignmentId == 100).LineIds);
    }

    [Fact]
    public void A_pickup_consignment_tells_the_back_office_where_and_how_the_order_is_collected()
    {
        const string json = """
            {
              "id": 129, "date_created": "Tue, 05 Mar 2019 21:40:11 +0000", "date_modified": "Tue, 05 Mar 2019 21:40:11 +0000",
              "status_id": 8, "status": "Awaiting Pickup", "items_total": 1,
              "consignments": {
                "shipping": [],
                "pickups": [
                  {
                    "id": 99, "pickup_method_id": 1, "pickup_method_display_name": "Pick Up",
                    "collection_instructions": "Bring your ID", "collection_time_description": "9am - 6pm",
                    "location": {
                      "id": 1, "name": "Location 1", "code": "LOCATION-1", "address_line_1": "123 Main Street",
                      "address_line_2": "Suite 101", "city": "Austin", "state": "Texas", "postal_code": "78726",
                      "country_alpha2": "US", "email": "location1@example.com", "phone": "+1 111-111-1111"
                    },
                    "line_items": [ { "id": 12, "order_id": 129, "product_id": 77, "name": "Towel", "sku": "T", "quantity": 1,
                                      "price_ex_tax": "1.0000", "price_inc_tax": "1.0000", "total_ex_tax": "1.0000", "total_inc_tax": "1.0000" } ]
                  }
                ]
              }
            }
            """;
        var order = V2OrderJson.Deserialize(json);

        var shipment = Assert.Single(CanonicalOrderMapper.Map(Store, order, CanonicalOrderMapper.EmbeddedLines(order)).Shipments);

        Assert.Equal(new long[] { 12 }, shipment.LineIds);
        Assert.Equal("Pick Up", shipment.ShippingMethod);
        Assert.Equal("123 Main Street", shipment.Address.Street1);
        Assert.Equal("Austin", shipment.Address.City);
        Assert.Equal("78726", shipment.Address.PostalCode);
        Assert.Equal("US", shipment.Address.CountryIso2);
    }

    [Fact]
    public void A_normal_order_needs_no_extra_call_for_its_lines()
    {
        var order = V2OrderJson.Deserialize(V2OrderJson.SpecExample);

        Assert.False(CanonicalOrderMapper.NeedsFullLineItems(order, CanonicalOrderMapper.EmbeddedLines(order)));
    }

    [Fact]
    public void Fifty_embedded_lines_may_be_only_the_first_fifty_so_all_are_read()
    {
        var fifty = Enumerable.Range(1, 50).Select(i => Line(i)).ToArray();
        var fortyNine = fifty[..49];

        var atLimit = OrderWith(50, Consignment(99, fifty));
        var belowLimit = OrderWith(49, Consignment(99, fortyNine));

        Assert.True(CanonicalOrderMapper.NeedsFullLineItems(atLimit, CanonicalOrderMapper.EmbeddedLines(atLimit)));
        Assert.False(CanonicalOrderMapper.NeedsFullLineItems(belowLimit, CanonicalOrderMapper.EmbeddedLines(belowLimit)));
    }

    [Fact]
    public void An_order_with_items_but_no_consignments_reads_its_lines()
    {
        var digitalOnly = OrderWith(2);

        Assert.Empty(CanonicalOrderMapper.EmbeddedLines(digitalOnly));
        Assert.True(CanonicalOrderMapper.NeedsFullLineItems(digitalOnly, []));
    }

    [Fact]
    public void An_order_whose_embedded_quantities_fall_short_of_items_total_reads_its_lines()
    {
        // Two items ship; a third (a download) is in no shipping consignment.
        var order = OrderWith(3, Consignment(99, Line(1, quantity: 2)));

        Assert.True(CanonicalOrderMapper.NeedsFullLineItems(order, CanonicalOrderMapper.EmbeddedLines(order)));
    }

    [Fact]
    public void Serializes_for_the_back_office_in_snake_case_with_money_as_exact_numbers()
    {
        var json = JsonSerializer.Serialize(MapSpecExample(), BackOfficeClient.Json);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(Store, root.GetProperty("store_hash").GetString());
        Assert.Equal(218, root.GetProperty("order_id").GetInt64());
        Assert.Equal(new DateTimeOffset(2019, 3, 11, 15, 17, 25, TimeSpan.Zero), root.GetProperty("modified_at").GetDateTimeOffset());
        Assert.Equal("78108", root.GetProperty("billing_address").GetProperty("postal_code").GetString());
        Assert.Equal("US", root.GetProperty("billing_address").GetProperty("country_iso2").GetString());
        var line = root.GetProperty("lines")[0];
        Assert.Equal(JsonValueKind.Number, line.GetProperty("unit_price_inc_tax").ValueKind);
        Assert.Equal(15.0000m, line.GetProperty("unit_price_inc_tax").GetDecimal());
        Assert.Equal("62.6793", root.GetProperty("totals").GetProperty("subtotal_ex_tax").GetRawText());
        Assert.Equal(new long[] { 12, 13 }, root.GetProperty("shipments")[0].GetProperty("line_ids").EnumerateArray().Select(e => e.GetInt64()));
        Assert.False(root.TryGetProperty("StoreHash", out _));
        Assert.False(root.TryGetProperty("storeHash", out _));
    }
}
