using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Sandbox.KeyVault;

namespace Sandbox;

/// <summary>
/// The sandbox started in-process on free loopback ports, for tests:
/// <code>
/// await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Add(new() { Hash = "abc", Token = "t", SeedOrders = 10 }));
/// var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
/// var secrets = new SecretClient(sandbox.KeyVaultUri, credential, options); // trust sandbox.KeyVaultCertificate
/// </code>
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private int _disposed;

    private SandboxHost(WebApplication app)
    {
        App = app;
        BaseAddress = SandboxApp.BaseAddress(app);
        KeyVaultUri = SandboxApp.KeyVaultAddress(app);
        KeyVaultCertificate = app.Services.GetRequiredService<KeyVaultTlsCertificate>().Certificate;
        Options = app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value;
        State = app.Services.GetRequiredService<SandboxState>();
    }

    public WebApplication App { get; }

    /// <summary>
    /// e.g. http://127.0.0.1:52341/ — BigCommerce's API base is BaseAddress + "stores/{hash}/v2",
    /// its login service (POST /oauth2/token) BaseAddress itself, the back office's BaseAddress + "backoffice".
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>The Key Vault stand-in, HTTPS, e.g. https://127.0.0.1:52342/ — a SecretClient's vaultUri.</summary>
    public Uri KeyVaultUri { get; }

    /// <summary>The self-signed certificate the Key Vault listener presents; trust exactly this one (compare SHA-256 thumbprints).</summary>
    public X509Certificate2 KeyVaultCertificate { get; }

    /// <summary>The options in force: App.ClientId/ClientSecret, KeyVault.AccessToken, …</summary>
    public SandboxOptions Options { get; }

    public SandboxState State { get; }

    /// <param name="args">Extra configuration arguments; --urls defaults to a free loopback port, and so does Sandbox:KeyVault:Url.</param>
    public static async Task<SandboxHost> StartAsync(Action<SandboxOptions>? configure = null, string[]? args = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var all = args ?? [];
        if (!all.Any(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase)))
        {
            all = [.. all, "--urls", "http://127.0.0.1:0"];
        }
        if (!all.Any(a => a.StartsWith("--Sandbox:KeyVault:Url", StringComparison.OrdinalIgnoreCase)))
        {
            all = [.. all, "--Sandbox:KeyVault:Url", "https://127.0.0.1:0"];
        }
        var app = SandboxApp.Build(all, configure, clock);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new SandboxHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        // Stopping cancels requests hung by an injected timeout, so this returns promptly.
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
