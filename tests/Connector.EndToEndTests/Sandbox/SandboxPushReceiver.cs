using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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
/// A stand-in for the connector's <c>POST /api/backoffice/shipments</c>, for testing the sandbox back
/// office's push: records every request and answers as the contract says, 202 <c>{"queued": n}</c> when
/// the signature over the raw body verifies, 401 problem+json otherwise. It checks nothing else.
/// </summary>
public sealed class SandboxPushReceiver : IAsyncDisposable
{
    public const string Path = "/api/backoffice/shipments";

    private readonly WebApplication _app;

    private SandboxPushReceiver(WebApplication app) => _app = app;

    /// <param name="Signature">The X-Connector-Signature header; null when absent.</param>
    public sealed record Received(string Body, string? Signature, string? ContentType);

    public string Url { get; private set; } = "";

    public ConcurrentQueue<Received> Requests { get; } = new();

    public static async Task<SandboxPushReceiver> StartAsync(string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var self = new SandboxPushReceiver(app);
        var key = Encoding.UTF8.GetBytes(secret);

        app.MapPost(Path, async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var raw = buffer.ToArray();
            var signature = request.Headers.TryGetValue("X-Connector-Signature", out var values) ? values.ToString() : null;
            self.Requests.Enqueue(new Received(Encoding.UTF8.GetString(raw), signature, request.ContentType));

            var expected = Encoding.ASCII.GetBytes("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, raw)));
            if (signature is null || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
            {
                return Results.Problem(title: "Invalid signature", statusCode: StatusCodes.Status401Unauthorized);
            }
            var records = JsonNode.Parse(raw)?["records"]?.AsArray().Count ?? 0;
            return Results.Json(new { queued = records }, statusCode: StatusCodes.Status202Accepted);
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self.Url = address + Path;
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
