namespace Sandbox;

/// <summary>
/// The sandbox started in-process on a free loopback port, for tests:
/// <code>
/// await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Add(new() { Hash = "abc", Token = "t", SeedOrders = 10 }));
/// var http = new HttpClient { BaseAddress = sandbox.BaseAddress };
/// </code>
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private int _disposed;

    private SandboxHost(WebApplication app)
    {
        App = app;
        BaseAddress = SandboxApp.BaseAddress(app);
        State = app.Services.GetRequiredService<SandboxState>();
    }

    public WebApplication App { get; }

    /// <summary>e.g. http://127.0.0.1:52341 — BigCommerce's API base is BaseAddress + "stores/{hash}/v2", the back office's BaseAddress + "backoffice".</summary>
    public Uri BaseAddress { get; }

    public SandboxState State { get; }

    /// <param name="args">Extra configuration arguments; --urls defaults to a free loopback port.</param>
    public static async Task<SandboxHost> StartAsync(Action<SandboxOptions>? configure = null, string[]? args = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var all = args ?? [];
        if (!all.Any(a => a.StartsWith("--urls", StringComparison.OrdinalIgnoreCase)))
        {
            all = [.. all, "--urls", "http://127.0.0.1:0"];
        }
        var app = SandboxApp.Build(all, configure, clock);
        await app.StartAsync(cancellationToken);
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
