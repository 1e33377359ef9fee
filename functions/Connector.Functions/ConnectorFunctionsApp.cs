using Connector.Hosting;
using Connector.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connector.Functions;

/// <summary>
/// The worker as Program.cs runs it, in one place so tests build exactly the same host: ASP.NET Core integration
/// (HTTP functions take <c>HttpRequest</c> and return <c>IResult</c>, as on LocalHost), the connector's one
/// registration, telemetry; and storage set up before the worker connects to the Functions host.
/// </summary>
public static class ConnectorFunctionsApp
{
    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.AddConnector();
        builder.AddConnectorTelemetry();
        return builder;
    }

    /// <summary>
    /// Tables and queues first: the host may deliver a timer tick or a request as soon as the worker connects, and
    /// only then does a hosted service registered after the worker's own get to run.
    /// </summary>
    public static async Task RunAsync(IHost host, CancellationToken cancellationToken = default)
    {
        await host.Services.GetRequiredService<StorageProvisioning>().EnsureCreatedAsync(cancellationToken);
        await host.RunAsync(cancellationToken);
    }
}
