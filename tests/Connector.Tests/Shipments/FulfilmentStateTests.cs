using Connector.Shipments;

namespace Connector.Tests.Shipments;

/// <summary>The moves of a back-office shipment or cancellation, every pair.</summary>
public sealed class FulfilmentStateTests
{
    [Theory]
    [InlineData(null, FulfilmentState.Failing, true)]
    [InlineData(null, FulfilmentState.Writing, true)]
    [InlineData(null, FulfilmentState.Refused, true)]
    [InlineData(null, FulfilmentState.Done, true)]
    [InlineData(FulfilmentState.Failing, FulfilmentState.Failing, true)]
    [InlineData(FulfilmentState.Failing, FulfilmentState.Writing, true)]
    [InlineData(FulfilmentState.Failing, FulfilmentState.Done, true)]
    [InlineData(FulfilmentState.Failing, FulfilmentState.Refused, true)]
    [InlineData(FulfilmentState.Writing, FulfilmentState.Failing, false)] // a write that began has an unknown outcome until recorded
    [InlineData(FulfilmentState.Writing, FulfilmentState.Writing, true)]
    [InlineData(FulfilmentState.Writing, FulfilmentState.Done, true)]
    [InlineData(FulfilmentState.Writing, FulfilmentState.Refused, true)]
    [InlineData(FulfilmentState.Done, FulfilmentState.Writing, false)]
    [InlineData(FulfilmentState.Done, FulfilmentState.Refused, false)]
    [InlineData(FulfilmentState.Refused, FulfilmentState.Writing, false)]
    [InlineData(FulfilmentState.Refused, FulfilmentState.Done, false)]
    public void Moves(string? from, string to, bool allowed) => Assert.Equal(allowed, FulfilmentState.CanMove(from, to));
}
