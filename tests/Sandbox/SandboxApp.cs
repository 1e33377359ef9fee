using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sandbox.Admin;
using Sandbox.BackOffice;
using Sandbox.BigCommerce;
using Sandbox.Faults;

namespace Sandbox;

/// <summary>
/// Builds the sandbox. Program.cs runs it as a process; tests host it in-process on a real
/// loopback port:
/// <code>
/// var app = SandboxApp.Build(["--urls", "http://127.0.0.1:0"], o => o.Stores.Clear());
/// await app.StartAsync();
/// var baseAddress = SandboxApp.BaseAddress(app);
/// var state = app.Services.GetRequiredService&lt;SandboxState&gt;();
/// </code>
/// </summary>
public static class SandboxApp
{
    public const string DefaultUrl = "http://127.0.0.1:7101";

    /// <param name="args">Command-line configuration (--urls, --Sandbox:Stores:0:Hash=…), as for the process.</param>
    /// <param name="configure">Runs after configuration binding: the last word on options.</param>
    /// <param name="clock">Clock for dates and rate-limit windows; the system clock by default.</param>
    public static WebApplication Build(string[] args, Action<SandboxOptions>? configure = null, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The output folder, not the working directory: appsettings.json is found both under
            // `dotnet run --project tests/Sandbox` from the repo root and from a test's bin folder.
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(SandboxApp).Assembly.GetName().Name,
        });

        // The documented local port unless told otherwise. Set here rather than in appsettings.json:
        // a test project referencing both the sandbox and the connector's local host gets one
        // appsettings.json in its output, and "Urls" in it would pin the other host to 7101 too.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) &&
            string.IsNullOrEmpty(builder.Configuration["http_ports"]) &&
            string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<SandboxOptions>()
            .Bind(builder.Configuration.GetSection(SandboxOptions.SectionName))
            .Configure(o => configure?.Invoke(o))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = SandboxJson.Options.Encoder);
        services.TryAddSingleton(clock ?? TimeProvider.System);

        services.AddSingleton<StoreRegistry>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSingleton(sp => new RejectionRules(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.BackOffice.DefaultRejectionStatus));
        services.AddSingleton<InventoryFeed>();
        services.AddSingleton(sp => new SignatureVerifier(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.BackOffice.SigningSecret));
        services.AddSingleton<SandboxState>();

        var app = builder.Build();

        app.MapBigCommerceOrders();
        app.MapBackOffice();
        app.MapStoreAdmin();
        app.MapFaultAdmin();
        app.MapBackOfficeAdmin();

        // Seed the configured stores now, so the first request doesn't pay for it
        // (and a bad configuration fails here, not mid-test).
        app.Services.GetRequiredService<StoreRegistry>();
        return app;
    }

    /// <summary>The address Kestrel actually bound (port 0 resolved), e.g. <c>http://127.0.0.1:52341</c>. Call after StartAsync.</summary>
    public static Uri BaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? app.Urls.FirstOrDefault()
            ?? throw new InvalidOperationException("The sandbox has no bound address; call StartAsync first.");
        return new Uri(first);
    }
}
