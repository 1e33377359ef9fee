using System.Collections.Concurrent;
using System.Net.Http.Json;
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
/// A minimal BigCommerce app for the sandbox to call: its auth callback trades the code for a
/// token at the sandbox's /oauth2/token as auth.mdx says, and every callback is recorded.
/// </summary>
public sealed class FakeBigCommerceApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _login;

    private FakeBigCommerceApp(WebApplication app, HttpClient login, Uri baseAddress)
    {
        _app = app;
        _login = login;
        BaseAddress = baseAddress;
    }

    public sealed record Received(string Path, string RawQuery, IReadOnlyDictionary<string, string> Query, string? Accept, string? Referer);

    public sealed record Exchange(int Status, string Body);

    public Uri BaseAddress { get; }

    public string AuthUrl => new Uri(BaseAddress, "auth").ToString();

    public ConcurrentQueue<Received> Callbacks { get; } = new();

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    public static async Task<FakeBigCommerceApp> StartAsync(Uri loginBase, string clientId, string clientSecret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var login = new HttpClient { BaseAddress = loginBase, Timeout = TimeSpan.FromSeconds(30) };
        FakeBigCommerceApp? self = null;

        app.MapGet("/auth", async (HttpRequest request) =>
        {
            self!.Record(request);
            var q = request.Query;
            using var response = await login.PostAsJsonAsync("oauth2/token", new Dictionary<string, string?>
            {
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["code"] = q["code"],
                ["context"] = q["context"],
                ["scope"] = q["scope"],
                ["grant_type"] = "authorization_code",
                ["redirect_uri"] = self.AuthUrl,
            });
            var body = await response.Content.ReadAsStringAsync();
            self.Exchanges.Enqueue(new Exchange((int)response.StatusCode, body));
            return response.IsSuccessStatusCode
                ? Results.Content("<html><body>Installed</body></html>", "text/html")
                : Results.Content(body, "application/json", statusCode: StatusCodes.Status502BadGateway);
        });
        foreach (var path in new[] { "/load", "/uninstall", "/remove_user" })
        {
            app.MapGet(path, (HttpRequest request) =>
            {
                self!.Record(request);
                return Results.Json(new { ok = true });
            });
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        self = new FakeBigCommerceApp(app, login, new Uri(address + "/"));
        return self;
    }

    private void Record(HttpRequest request) => Callbacks.Enqueue(new Received(
        request.Path,
        request.QueryString.Value ?? "",
        request.Query.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
        request.Headers.Accept.ToString(),
        request.Headers.Referer.ToString()));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _login.Dispose();
    }
}
