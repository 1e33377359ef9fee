using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sandbox.Admin;
using Sandbox.BackOffice;
using Sandbox.Catalog;
using Sandbox.BigCommerce;
using Sandbox.Faults;
using Sandbox.Inventory;
using Sandbox.KeyVault;
using Sandbox.Login;
using Sandbox.Webhooks;

namespace Sandbox;

/// <summary>
/// Builds the sandbox. Program.cs runs it as a process; tests host it in-process on real
/// loopback ports:
/// <code>
/// var app = SandboxApp.Build(["--urls", "http://127.0.0.1:0", "--Sandbox:KeyVault:Url=https://127.0.0.1:0"], o => o.Stores.Clear());
/// await app.StartAsync();
/// var baseAddress = SandboxApp.BaseAddress(app);
/// var keyVault = SandboxApp.KeyVaultAddress(app);
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

        // The Key Vault listener needs its URL before the host is built, so options are resolved
        // once here as they will be later: configuration, then configure.
        var early = new SandboxOptions();
        builder.Configuration.GetSection(SandboxOptions.SectionName).Bind(early);
        configure?.Invoke(early);
        var certificate = KeyVaultTlsCertificate.Shared;

        // The documented local ports unless told otherwise. Set in code rather than in appsettings.json:
        // a test project referencing both the sandbox and the connector's local host gets one
        // appsettings.json in its output, and "Urls" in it would pin the other host to 7101 too.
        KeyVaultListener.Configure(builder, DefaultUrl, early.KeyVault.Url, certificate);

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
        services.AddSingleton<TraceParents>();
        services.AddSingleton<BigCommerceShipmentInbox>();
        services.AddSingleton(sp => new RejectionRules(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.BackOffice.DefaultRejectionStatus));
        services.AddSingleton<InventoryFeed>();
        services.AddSingleton<ShipmentFeed>();
        services.AddSingleton<BackOfficePusher>();
        services.AddSingleton<InventoryRegistry>();
        services.AddSingleton(sp => new SignatureVerifier(sp.GetRequiredService<IOptions<SandboxOptions>>().Value.BackOffice.SigningSecret));
        services.AddSingleton<AuthorizationCodes>();
        services.AddSingleton<LoginStats>();
        services.AddSingleton<MerchantBrowser>();
        services.AddSingleton(certificate);
        services.AddSingleton<SecretVault>();
        services.AddSingleton<KeyVaultStats>();
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<WebhookSettings>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookStats>();
        services.AddSingleton<WebhookChaos>();
        services.AddSingleton<WebhookBlocklist>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<OrderWebhooks>();
        services.AddSingleton<ShipmentWebhooks>();
        services.AddSingleton<Catalog.ProductCatalogRegistry>();
        services.AddSingleton<Catalog.ProductWebhooks>();
        services.AddSingleton<ProductInbox>();
        services.AddSingleton<CatalogChangeFeed>();
        services.AddSingleton<SandboxWebhooks>();
        services.AddSingleton<SandboxState>();

        var app = builder.Build();
        app.UseUntracedRequests();

        // HTTPS (Key Vault's listener) serves only the Key Vault routes; HTTP everything else.
        app.UseListenerSeparation();

        app.MapBigCommerceOrders();
        app.MapBigCommerceShipments();
        app.MapBigCommerceWebhooks();
        app.MapBigCommerceInventory();
        app.MapBigCommerceCatalog();
        app.MapBigCommerceProducts();
        app.MapBigCommerceCatalogWrites();
        app.MapLogin();
        app.MapKeyVault();
        app.MapBackOffice();
        app.MapStoreAdmin();
        app.MapShipmentAdmin();
        app.MapFaultAdmin();
        app.MapBackOfficeAdmin();
        app.MapBackOfficeShipmentAdmin();
        app.MapLoginAdmin();
        app.MapKeyVaultAdmin();
        app.MapWebhookAdmin();
        app.MapInventoryAdmin();
        app.MapProductAdmin();
        app.MapProductInboxAdmin();
        app.MapCatalogChangeFeedAdmin();

        // Seed the configured stores now, so the first request doesn't pay for it
        // (and a bad configuration fails here, not mid-test).
        app.Services.GetRequiredService<StoreRegistry>();
        return app;
    }

    /// <summary>The plain HTTP address Kestrel actually bound (port 0 resolved), e.g. <c>http://127.0.0.1:52341</c>. Call after StartAsync.</summary>
    public static Uri BaseAddress(WebApplication app)
    {
        var bound = KeyVaultListener.Addresses(app.Services.GetRequiredService<IServer>()).FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp);
        return bound ?? app.Urls.Select(u => new Uri(u)).FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttp)
            ?? throw new InvalidOperationException("The sandbox has no bound address; call StartAsync first.");
    }

    /// <summary>The Key Vault stand-in's HTTPS address (port 0 resolved), e.g. <c>https://127.0.0.1:52342/</c>. Call after StartAsync.</summary>
    public static Uri KeyVaultAddress(WebApplication app) => KeyVaultListener.Address(app.Services.GetRequiredService<IServer>());
}
