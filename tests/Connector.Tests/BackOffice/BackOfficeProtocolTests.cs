using Connector.BackOffice;
using Connector.BigCommerce;

namespace Connector.Tests.BackOffice;

public sealed class BackOfficeProtocolTests
{
    private static readonly DateTimeOffset Modified = Rfc2822Date.Parse("Mon, 11 Mar 2019 15:17:25 +0000");

    [Fact]
    public void The_same_order_version_always_gets_the_same_key()
    {
        Assert.Equal(
            BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified),
            BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified));
    }

    [Fact]
    public void The_same_instant_written_in_another_offset_is_the_same_version()
    {
        var sameInstantInNewYork = Rfc2822Date.Parse("Mon, 11 Mar 2019 11:17:25 -0400");

        Assert.Equal(
            BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified),
            BackOfficeProtocol.IdempotencyKey("abc123", 218, sameInstantInNewYork));
    }

    [Fact]
    public void A_new_version_of_the_order_gets_a_new_key()
    {
        Assert.NotEqual(
            BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified),
            BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified.AddSeconds(1)));
    }

    [Fact]
    public void Different_orders_and_stores_never_share_a_key()
    {
        var keys = new[]
        {
            BackOfficeProtocol.IdempotencyKey("abc123", 218, Modified),
            BackOfficeProtocol.IdempotencyKey("abc123", 219, Modified),
            BackOfficeProtocol.IdempotencyKey("xyz789", 218, Modified),
        };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
    }
}
