namespace Connector.Functions.Tests.Infrastructure;

/// <summary>The shared Azurite as an xunit collection fixture (see <see cref="FunctionsAppCollection"/>).</summary>
public sealed class AzuriteFixture : AzuriteServer, IAsyncLifetime;

/// <summary>Tests that run the app against storage share one Azurite and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionsAppCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Functions app";
}
