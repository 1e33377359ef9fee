namespace Connector.EndToEndTests.Infrastructure;

/// <summary>
/// Every end-to-end test joins this collection, so they share one Azurite and run one at a time
/// (they also share ports, CPU and, for the soak, the clock).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "End-to-end";
}
