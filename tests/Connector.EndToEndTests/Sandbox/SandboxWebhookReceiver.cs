using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>
/// A webhook destination for the sandbox to POST to: records every request (path, headers, raw
/// body, when) and answers each path with the status set for it (200 unless told), optionally late.
/// </summary>
public sealed class SandboxWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _delays = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private SandboxWebhookReceiver(WebApplication app) => _app = app;

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan At, DateTimeOffset ReceivedAt);

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url(string path) => new Uri(BaseAddress, path.TrimStart('/')).ToString();

    public void Answer(string path, int status) => _statuses[path] = status;

    public void Delay(string path, TimeSpan delay) => _delays[path] = delay;

    public IReadOnlyList<Received> At(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<SandboxWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var self = new SandboxWebhookReceiver(app);

        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var path = request.Path.Value ?? "/";
            self.Requests.Enqueue(new Received(
                path,
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                self._clock.Elapsed,
                DateTimeOffset.UtcNow));
            if (self._delays.TryGetValue(path, out var delay))
            {
                await Task.Delay(delay, request.HttpContext.RequestAborted);
            }
            return Results.StatusCode(self._statuses.GetValueOrDefault(path, StatusCodes.Status200OK));
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self.BaseAddress = new Uri(address + "/");
        return self;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the recorded requests, or fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var snapshot = Requests.ToList();
            if (done(snapshot))
            {
                return snapshot;
            }
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The receiver got {snapshot.Count} requests ({string.Join(", ", snapshot.Select(r => r.Path))}) and the condition still does not hold.");
            }
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
