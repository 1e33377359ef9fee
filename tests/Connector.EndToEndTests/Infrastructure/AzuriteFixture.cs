using Connector.Testing;

namespace Connector.EndToEndTests.Infrastructure;

/// <summary>The shared Azurite as an xunit collection fixture (see <see cref="EndToEndCollection"/>).</summary>
public sealed class AzuriteFixture : AzuriteServer, IAsyncLifetime;
