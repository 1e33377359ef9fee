using Connector.Hosting;
using Connector.LocalHost.Admin;
using Connector.LocalHost.Configuration;
using Connector.LocalHost.Http;

namespace Connector.LocalHost;

/// <summary>
/// Builds LocalHost: the connector's handlers on ASP.NET Core with the Azure Functions host's
/// semantics. Program.cs runs it; end-to-end tests host it in-process.
/// </summary>
public static class LocalHostApp
{
    /// <summary>The Functions host's port, so URLs in docs and the sample settings work with either host.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The connector's own triggers.</summary>
    /// <param name="args">Command-line arguments; they outrank every other setting (<c>--Key=value</c>, <c>--urls</c>).</param>
    /// <param name="configure">
    /// Runs after every registration, so services it adds replace the connector's and LocalHost's
    /// (a fake <see cref="TimeProvider"/>, a stub handler). Settings are best passed in
    /// <paramref name="args"/>: they are in place before anything is registered, and outrank every file.
    /// </param>
    public static WebApplication Build(string[] args, Action<IHostApplicationBuilder>? configure = null) =>
        Build(args, LocalHostTriggers.Connector, configure);

    /// <summary>Any set of triggers: how tests run the listener and scheduler with handlers they control.</summary>
    public static WebApplication Build(string[] args, LocalHostTriggers triggers, Action<IHostApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var files = builder.AddFunctionsConfigurationFiles();

        if (!HasConfiguredUrls(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddConnector();
        builder.AddLocalHost(triggers);
        builder.AddLocalHostTelemetry();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRequestSpans();
        app.UseHttpLogging();
        app.MapRunFunctionEndpoint();
        app.MapHttpTriggers(triggers.HttpTriggers);

        app.Logger.LogInformation(
            "LocalHost: host.json {HostJson}, local.settings.json {LocalSettings}; {Queues} queue trigger(s), {Timers} timer(s)",
            files.HostJson ?? "(none)", files.LocalSettings ?? "(none)", triggers.Queues.Count, triggers.Timers.Count);
        return app;
    }

    private static bool HasConfiguredUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"]);
}
