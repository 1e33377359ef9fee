using Connector.BigCommerce;
using Connector.Orders;

namespace Connector.Tests.Orders;

/// <summary>When an order travels in its queue message (read from the poll's page) and when it is read again instead.</summary>
public sealed class CarriedOrderTests
{
    private static readonly DateTimeOffset Version = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReadAt = Version.AddSeconds(3);

    private static OrderMessage Message(long orderId = 7) => new("abc123", orderId, Version, OrderSources.Poll, "corr");

    private static V2Order Order(int lines, int nameLength = 10, long id = 7) => new()
    {
        Id = id,
        DateModified = Version,
        ItemsTotal = lines,
        Consignments = new V2Consignments
        {
            Shipping = [new V2Address
            {
                Id = 1,
                LineItems = Enumerable.Range(1, lines).Select(i => new V2OrderProduct { Id = i, Quantity = 1, Name = new string('n', nameLength) }).ToList(),
            }],
        },
    };

    [Fact]
    public void A_complete_order_that_fits_travels_with_its_message()
    {
        var message = Message().Carrying(Order(3), ReadAt);

        Assert.Equal(7, message.CarriedVersion()!.Id);
        Assert.Equal(ReadAt, message.CarriedReadAt);
    }

    [Fact]
    public void An_order_whose_page_embeds_only_50_of_its_lines_is_read_again()
    {
        Assert.Null(Message().Carrying(Order(BigCommerceOrdersClient.EmbeddedLineItemLimit), ReadAt).Carried);
    }

    [Fact]
    public void An_order_too_big_for_a_queue_message_travels_by_reference_never_truncated()
    {
        var message = Message().Carrying(Order(40, nameLength: 2000), ReadAt);

        Assert.Null(message.Carried);
        Assert.Equal(7, message.OrderId);
    }

    [Fact]
    public void A_carried_order_of_another_version_or_order_is_not_used()
    {
        var other = Message() with { Carried = Order(1) with { DateModified = Version.AddSeconds(1) } };
        var wrongOrder = Message() with { Carried = Order(1, id: 8) };

        Assert.Null(other.CarriedVersion());
        Assert.Null(wrongOrder.CarriedVersion());
        Assert.Equal(Message(), Message().Carrying(Order(1) with { DateModified = Version.AddSeconds(1) }, ReadAt));
    }
}
