using Connector.LocalHost;
using Connector.LocalHost.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connector.Testing;

/// <summary>
/// LocalHost running inside the test process on a free loopback port, against the shared Azurite.
/// Settings go in as command-line arguments (they outrank everything, including a developer's
/// local.settings.json, which is not read at all here); <c>configure</c> replaces services.
/// </summary>
public sealed class InProcessLocalHost : IAsyncDisposable
{
    private InProcessLocalHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress { get; }

    /// <summary>A client whose base address is this host.</summary>
    public HttpClient Http { get; }

    public static async Task<InProcessLocalHost> StartAsync(
        AzuriteServer azurite,
        LocalHostTriggers? triggers = null,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IHostApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var app = Build(azurite, triggers, settings, configure);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new InProcessLocalHost(app, new Uri(address));
    }

    /// <summary>Builds without starting, for tests about what happens at start.</summary>
    public static WebApplication Build(
        AzuriteServer azurite,
        LocalHostTriggers? triggers = null,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IHostApplicationBuilder>? configure = null)
    {
        var arguments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            [FunctionsConfigurationFiles.LocalSettingsPathKey] = "none",
            // Keep test output readable; warnings and errors still show.
            ["Logging:LogLevel:Default"] = "Warning",
            // The connector refuses to start without a back office; tests that talk to one (the
            // sandbox) override these. Port 9 (discard) has nothing listening on loopback.
            ["BackOffice:BaseUrl"] = "http://127.0.0.1:9/",
            ["BackOffice:SigningSecret"] = "end-to-end-test-signing-secret",
            ["BigCommerce:ClientId"] = "end-to-end-client-id",
            ["BigCommerce:ClientSecret"] = "end-to-end-client-secret",
            ["KeyVault:Uri"] = "https://127.0.0.1:9/",
            ["Connector:PublicBaseUrl"] = "http://127.0.0.1:9/",
            // Poison after the first five attempts, as the tests about poison expect; retry rounds have their own tests.
            ["Connector:QueueRetry:Rounds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            arguments[key] = value;
        }

        var args = arguments.Select(a => $"--{a.Key}={a.Value}").ToArray();
        return LocalHostApp.Build(args, triggers ?? LocalHostTriggers.Connector, configure);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            await App.StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
