using Connector.Orders;

namespace Connector.Tests.Shipments;

/// <summary>Which order versions are the connector's own shipment (not sent back to the back office).</summary>
public sealed class OwnShipmentVersionTests
{
    private static readonly DateTimeOffset From = new(2026, 11, 29, 10, 0, 0, 700, TimeSpan.Zero);

    private static OrderLedgerEntry Entry(DateTimeOffset? until) => new() { OwnWriteFrom = From, OwnWriteUntil = until };

    [Theory]
    [InlineData(0, 2, true)]   // the whole second of the POST's start, status Shipped
    [InlineData(1, 3, true)]   // Partially Shipped, within the write
    [InlineData(0, 11, false)] // another status: not what a shipment makes
    [InlineData(-5, 2, false)] // before the write began
    [InlineData(9, 2, false)]  // after it ended (and its margin)
    public void A_version_in_the_writes_window_with_a_shipped_status_is_the_connectors(int secondsAfter, int status, bool own)
    {
        var version = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddSeconds(secondsAfter);

        Assert.Equal(own, Entry(From.AddSeconds(1.5)).CausedByConnector(version, status));
    }

    [Fact]
    public void Without_a_write_there_is_no_own_version_and_a_write_that_never_ended_counts_two_minutes()
    {
        Assert.False(new OrderLedgerEntry().CausedByConnector(From, 2));
        Assert.True(Entry(null).CausedByConnector(From.AddMinutes(1), 2));
        Assert.False(Entry(null).CausedByConnector(From.AddMinutes(3), 2));
    }
}
