using System.Net.Http.Json;
using Azure.Storage.Queues;
using Connector.Hosting;
using Connector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sandbox;

namespace Connector.Functions.Tests.Infrastructure;

/// <summary>
/// The Azure Functions app's worker, built exactly as Program.cs builds it, driven the way the Functions host drives it
/// (Core Tools cannot be installed here): HTTP requests arrive over real HTTP on the routes, methods and auth levels of
/// functions.metadata (a function-level route wants a function key); queue messages are received from Azurite and
/// handed to the function bound to their queue; timers fire when a test says. Each invocation gets its own scope, as
/// the worker gives. BigCommerce, its login, Key Vault and the back office are the sandbox, over real HTTP.
/// </summary>
public sealed class FunctionsAppSystem : IAsyncDisposable
{
    public const string FunctionKey = "functions-test-key-0123456789";
    public const string AdminKey = "functions-test-admin-key-0123456789";

    private readonly WebApplication _front;
    private readonly HttpClient _sandboxHttp;

    private FunctionsAppSystem(SandboxHost sandbox, IHost worker, WebApplication front, Uri baseAddress, string storeHash, string token)
    {
        Sandbox = sandbox;
        Worker = worker;
        _front = front;
        BaseAddress = baseAddress;
        StoreHash = storeHash;
        Token = token;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _sandboxHttp = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin = new SandboxAdmin(_sandboxHttp);
    }

    public SandboxHost Sandbox { get; }

    /// <summary>The worker's host, built by <see cref="ConnectorFunctionsApp.CreateBuilder"/>.</summary>
    public IHost Worker { get; }

    public Uri BaseAddress { get; }
    public string StoreHash { get; }
    public string Token { get; }
    public HttpClient Http { get; }
    public SandboxAdmin Admin { get; }

    /// <summary>Unhandled failures of queue invocations, as the host would log them.</summary>
    public List<string> Failures { get; } = [];

    /// <param name="configure">Adjusts the settings the worker gets (they start as the sample's, with this machine's addresses).</param>
    public static async Task<FunctionsAppSystem> StartAsync(AzuriteServer azurite, Action<Dictionary<string, string>>? configure = null)
    {
        var storeHash = "fn" + Guid.NewGuid().ToString("N")[..10];
        var token = "token-" + Guid.NewGuid().ToString("N");
        var signingSecret = "signing-" + Guid.NewGuid().ToString("N");
        var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.BackOffice.SigningSecret = signingSecret;
            o.Stores.Clear();
            o.Stores.Add(new StoreSeedOptions { Hash = storeHash, Token = token });
            o.Webhooks.Enabled = false;
        });

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var overrides = SandboxConnection.Settings(sandbox, baseAddress, signingSecret, AdminKey);
        overrides.Remove("urls"); // the worker's own HTTP listener is the host's business; the front below serves requests
        overrides["AzureWebJobsStorage"] = azurite.ConnectionString;
        overrides["Webhooks:Enabled"] = "false";
        var settings = AppSettings.FromSample(overrides);
        configure?.Invoke(settings);

        var worker = ConnectorFunctionsApp.CreateBuilder(AppSettings.AsArguments(settings)).Build();
        WebApplication? front = null;
        try
        {
            // What the host checks at start: every option the connector validates on start.
            worker.Services.GetRequiredService<IStartupValidator>().Validate();
            front = BuildFront(worker, baseAddress);
            await front.StartAsync();
            return new FunctionsAppSystem(sandbox, worker, front, baseAddress, storeHash, token);
        }
        catch
        {
            if (front is not null)
            {
                await front.DisposeAsync();
            }

            worker.Dispose();
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>What Program.cs does before the worker connects to the host: tables and queues.</summary>
    public Task ProvisionStorageAsync() => Worker.Services.GetRequiredService<StorageProvisioning>().EnsureCreatedAsync(CancellationToken.None);

    /// <summary>POST /api/stores with the function key and the admin key, as an operator in Azure would.</summary>
    public async Task<HttpResponseMessage> RegisterStoreAsync(string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/stores")
        {
            Content = JsonContent.Create(new { storeHash = StoreHash, accessToken = token ?? Token }),
        };
        request.Headers.Add("x-functions-key", FunctionKey);
        request.Headers.Add(Connector.Operations.AdminKey.Header, AdminKey);
        return await Http.SendAsync(request);
    }

    /// <summary>Fires a timer function now, as the host does on its schedule.</summary>
    public async Task RunTimerAsync(string functionName)
    {
        var function = BuiltFunctionsApp.Function(functionName);
        await using var scope = Worker.Services.CreateAsyncScope();
        await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, new TimerInfo(), CancellationToken.None);
    }

    /// <summary>
    /// Hands every message of every triggered queue to its function until the queues are empty: a message is deleted
    /// when its invocation completes and reappears (here after a second) when it throws, as with the host.
    /// </summary>
    public async Task DrainQueuesAsync(TimeSpan timeout)
    {
        var queueFunctions = BuiltFunctionsApp.Functions.Where(f => f.TriggerType == "queueTrigger").ToList();
        var storage = Worker.Services.GetRequiredService<QueueServiceClient>();
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var handled = 0;
            var waiting = 0;
            foreach (var function in queueFunctions)
            {
                var queue = storage.GetQueueClient(function.Property("queueName"));
                var received = await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), deadline.Token);
                foreach (var message in received.Value)
                {
                    handled++;
                    await using var scope = Worker.Services.CreateAsyncScope();
                    try
                    {
                        await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, message, deadline.Token);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                    }
                    catch (Exception ex) when (!deadline.IsCancellationRequested)
                    {
                        Failures.Add($"{function.Name}: {ex.GetType().Name}: {ex.Message}");
                        await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: CancellationToken.None);
                    }
                }

                waiting += (await queue.GetPropertiesAsync(deadline.Token)).Value.ApproximateMessagesCount;
            }

            if (handled == 0 && waiting == 0)
            {
                return;
            }

            if (handled == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
    }

    private static WebApplication BuildFront(IHost worker, Uri baseAddress)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.Logging.ClearProviders(); // a failure shows as the answer's status in the test
        var front = builder.Build();
        foreach (var function in BuiltFunctionsApp.Functions.Where(f => f.TriggerType == "httpTrigger"))
        {
            // The host's default routePrefix is "api"; the methods are the binding's.
            var methods = function.Methods.Select(m => m.ToUpperInvariant()).ToArray();
            front.MapMethods($"/{HttpTrigger.RoutePrefix}/{function.Property("route")}", methods, context => ServeAsync(worker, function, context));
        }

        return front;
    }

    private static async Task ServeAsync(IHost worker, FunctionMetadata function, HttpContext context)
    {
        if (function.Property("authLevel") != "Anonymous" && !HasFunctionKey(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // The worker's ASP.NET Core integration gives the function a request whose services are the invocation's scope.
        await using var scope = worker.Services.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        var result = await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, context.Request, context.RequestAborted);
        await ((IResult)result!).ExecuteAsync(context);
    }

    /// <summary>The host takes a function key in the x-functions-key header or the code query parameter.</summary>
    private static bool HasFunctionKey(HttpRequest request) =>
        request.Headers["x-functions-key"] == FunctionKey || request.Query["code"] == FunctionKey;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _front.DisposeAsync();
        Worker.Dispose();
        await Sandbox.DisposeAsync();
        _sandboxHttp.Dispose();
    }
}
