using Connector.Shipments;

namespace Connector.Tests.Shipments;

/// <summary>Every case of turning a back-office shipment's lines into BigCommerce order products.</summary>
public sealed class ShipmentPlanTests
{
    private static OrderFacts Order(int status = 11, params OrderProductFact[] products) => new(100, status, false, products.Sum(p => p.QuantityShipped), products);

    private static OrderProductFact Product(long id, string sku, int quantity, int shipped = 0, long address = 7) => new(id, sku, quantity, shipped, address);

    [Fact]
    public void Lines_by_sku_and_by_order_product_id_map_to_their_products_at_the_order_address()
    {
        var (plan, refusal) = ShipmentPlan.Decide(Order(11, Product(1, "A", 2), Product(2, "B", 1)),
            [new ShipmentLine("A", null, 2), new ShipmentLine(null, 2, 1)]);

        Assert.Null(refusal);
        Assert.Equal(7, plan!.OrderAddressId);
        Assert.Equal([new PlannedLine(1, 2), new PlannedLine(2, 1)], plan.Lines);
    }

    [Fact]
    public void One_sku_ordered_twice_is_split_by_what_each_still_has_unshipped()
    {
        var (plan, _) = ShipmentPlan.Decide(Order(3, Product(5, "A", 3, shipped: 2), Product(6, "A", 2)), [new ShipmentLine("A", null, 2)]);

        Assert.Equal([new PlannedLine(5, 1), new PlannedLine(6, 1)], plan!.Lines);
    }

    [Fact]
    public void The_same_product_named_twice_is_summed()
    {
        var (plan, _) = ShipmentPlan.Decide(Order(11, Product(1, "A", 3)), [new ShipmentLine("A", null, 1), new ShipmentLine(null, 1, 2)]);

        Assert.Equal([new PlannedLine(1, 3)], plan!.Lines);
    }

    [Theory]
    [InlineData(4, "SKU A: 4 to ship, but only 3 left unshipped")]
    public void More_than_remains_unshipped_is_refused_not_trimmed(int quantity, string expected)
    {
        var (plan, refusal) = ShipmentPlan.Decide(Order(3, Product(1, "A", 5, shipped: 2)), [new ShipmentLine("A", null, quantity)]);

        Assert.Null(plan);
        Assert.StartsWith(expected, refusal);
    }

    [Fact]
    public void A_second_line_cannot_take_what_the_first_took()
    {
        var (plan, refusal) = ShipmentPlan.Decide(Order(11, Product(1, "A", 2)), [new ShipmentLine("A", null, 2), new ShipmentLine(null, 1, 1)]);

        Assert.Null(plan);
        Assert.Contains("order product 1: 1 to ship, but only 0 left", refusal);
    }

    [Fact]
    public void Unknown_sku_and_unknown_order_product_are_refused_by_name()
    {
        Assert.Equal("SKU Z is not on order 100", ShipmentPlan.Decide(Order(11, Product(1, "A", 1)), [new ShipmentLine("Z", null, 1)]).Refusal);
        Assert.Equal("order product 9 is not on order 100", ShipmentPlan.Decide(Order(11, Product(1, "A", 1)), [new ShipmentLine(null, 9, 1)]).Refusal);
    }

    [Theory]
    [InlineData(5, "cancelled")]
    [InlineData(4, "refunded")]
    [InlineData(6, "declined")]
    [InlineData(0, "incomplete")]
    public void Orders_that_must_not_ship_are_refused_whatever_the_lines(int status, string word)
    {
        var (plan, refusal) = ShipmentPlan.Decide(Order(status, Product(1, "A", 1)), [new ShipmentLine("A", null, 1)]);

        Assert.Null(plan);
        Assert.Contains(word, refusal);
    }

    [Fact]
    public void A_deleted_order_is_refused()
    {
        var deleted = new OrderFacts(100, 11, true, 0, [Product(1, "A", 1)]);

        Assert.Contains("deleted", ShipmentPlan.Decide(deleted, [new ShipmentLine("A", null, 1)]).Refusal);
    }

    [Fact]
    public void Lines_going_to_two_addresses_are_refused_as_one_shipment()
    {
        var (plan, refusal) = ShipmentPlan.Decide(Order(11, Product(1, "A", 1, address: 7), Product(2, "B", 1, address: 8)),
            [new ShipmentLine("A", null, 1), new ShipmentLine("B", null, 1)]);

        Assert.Null(plan);
        Assert.Contains("2 shipping addresses", refusal);
    }
}
