using System.Net;
using System.Text.Json.Nodes;
using Connector.Functions.Tests.Infrastructure;
using Connector.Hosting;
using Connector.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Functions.Tests;

/// <summary>
/// The Functions app's own code, built as Program.cs builds it and invoked through its function classes with the real
/// trigger types, against real Azurite and the sandbox.
/// </summary>
[Collection(FunctionsAppCollection.Name)]
public sealed class FunctionsAppTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_function_class_and_the_handler_it_hands_to_resolve_from_the_workers_services()
    {
        await using var system = await FunctionsAppSystem.StartAsync(azurite);
        var handlers = TriggerCatalog.Timers.Select(t => (t.FunctionName, t.Handler))
            .Concat(TriggerCatalog.Queues.Select(q => (q.FunctionName, q.Handler)))
            .Concat(TriggerCatalog.Http.Select(h => (h.FunctionName, h.Handler)))
            .ToDictionary(x => x.FunctionName, x => x.Handler);

        Assert.All(BuiltFunctionsApp.Functions, function =>
        {
            using var scope = system.Worker.Services.CreateScope();
            var type = BuiltFunctionsApp.EntryPoint(function).DeclaringType!;
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
            Assert.NotNull(scope.ServiceProvider.GetRequiredService(handlers[function.Name]));
        });
    }

    [Fact]
    public async Task The_worker_does_not_log_request_urls_whose_queries_carry_callback_secrets_even_when_asked_to()
    {
        // In Azure the worker's ASP.NET Core integration serves the HTTP functions; its hosting diagnostics would write every
        // URL with its query (signed_payload_jwt, the OAuth code) at Information. Turned up to Trace by a setting, still not.
        await using var system = await FunctionsAppSystem.StartAsync(azurite,
            s => s["Logging:LogLevel:" + Connector.Hosting.SecretSafeLogging.HostingDiagnosticsCategory] = "Trace");
        var hosting = system.Worker.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()
            .CreateLogger(Connector.Hosting.SecretSafeLogging.HostingDiagnosticsCategory);

        Assert.False(hosting.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information));
        Assert.True(hosting.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Fact]
    public async Task Orders_travel_from_the_poll_through_store_sync_and_ProcessOrder_to_the_back_office()
    {
        await using var system = await FunctionsAppSystem.StartAsync(azurite);
        await system.ProvisionStorageAsync();
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterStoreAsync()).StatusCode);
        var orders = await system.Admin.CreateOrdersAsync(system.StoreHash, 3);

        await system.RunTimerAsync("OrderPoll");
        await system.DrainQueuesAsync(Drain);

        var delivered = await system.Admin.DeliveriesAsync(system.StoreHash);
        Assert.Empty(system.Failures);
        Assert.Equal(orders.Order(), delivered.Orders.Select(o => o.OrderId).Order());
        Assert.Equal(3, delivered.Accepted);
        Assert.Equal(0, delivered.OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion);
    }

    [Fact]
    public async Task Stock_travels_from_the_push_through_store_sync_and_ProcessInventory_to_BigCommerce()
    {
        await using var system = await FunctionsAppSystem.StartAsync(azurite);
        await system.ProvisionStorageAsync();
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterStoreAsync()).StatusCode);
        await system.Admin.SeedCatalogAsync(system.StoreHash, ["FN-1", "FN-2"]);
        await system.Admin.SetBackOfficeInventoryAsync(system.StoreHash, [("FN-1", 7), ("FN-2", 11)]);

        await system.RunTimerAsync("InventoryPush");
        await system.DrainQueuesAsync(Drain);

        var levels = await system.Admin.StockLevelsAsync(system.StoreHash);
        Assert.Empty(system.Failures);
        Assert.Equal((7, 11), (levels["FN-1"].Quantity, levels["FN-2"].Quantity));
    }

    [Fact]
    public async Task Each_http_function_answers_a_real_request_on_its_route()
    {
        await using var system = await FunctionsAppSystem.StartAsync(azurite);
        await system.ProvisionStorageAsync();
        var key = new Dictionary<string, string> { ["x-functions-key"] = FunctionsAppSystem.FunctionKey };
        var admin = new Dictionary<string, string>(key) { [Connector.Operations.AdminKey.Header] = FunctionsAppSystem.AdminKey };

        // Operator endpoints: nothing without a function key (the host's check), then the admin key (the handler's).
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(system, HttpMethod.Get, "api/health")).StatusCode);
        using (var health = await SendAsync(system, HttpMethod.Get, "api/health", key))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var report = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
            Assert.Equal("ok", report["status"]!.GetValue<string>());
            Assert.All(QueueNames.All, q => Assert.NotNull(report["queues"]![q]!["poison"]));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(system, HttpMethod.Post, "api/stores", body: "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(system, HttpMethod.Post, "api/stores", key, "{}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await system.RegisterStoreAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(system, HttpMethod.Get, "api/operations/poison", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(system, HttpMethod.Post, "api/operations/poison/requeue", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(system, HttpMethod.Get, "api/operations/poison")).StatusCode);

        // BigCommerce's callbacks, made by the sandbox as the merchant's browser or BigCommerce's servers would.
        var installed = "in" + system.StoreHash[2..];
        var install = await system.Admin.InstallAsync(installed, new Uri(system.BaseAddress, "api/bigcommerce/auth"));
        Assert.Equal(200, install["callbackStatus"]!.GetValue<int>());
        Assert.Equal(200, (await system.Admin.CallbackAsync(installed, "load", new Uri(system.BaseAddress, "api/bigcommerce/load")))["status"]!.GetValue<int>());
        // The app's page, a Razor component rendered by the worker's ASP.NET Core integration, and one of its actions.
        var page = new MerchantPageClient(system.Http, system.Admin);
        var opened = await page.OpenAsync(installed, 9001);
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Contains("Orders to the back office", opened.Text, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors", opened.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await page.PostAsync("/api/app/page", opened.Session, ("section", "status"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await page.PostAsync("/api/app/actions", "forged", ("action", "push-all-stock"))).Status);
        Assert.Equal(200, (await system.Admin.CallbackAsync(installed, "remove_user", new Uri(system.BaseAddress, "api/bigcommerce/remove-user"), userId: 4242))["status"]!.GetValue<int>());

        // Webhooks, signed as BigCommerce signs them.
        var sender = new WebhookSender(system.Http, system.Sandbox.Options.App.ClientSecret);
        using (var webhook = await sender.SendAsync(sender.Build(WebhookSender.OrderPayload(installed, 1), installed)))
        {
            Assert.True(webhook.IsSuccessStatusCode, $"webhook answered {(int)webhook.StatusCode}");
        }

        using (var exception = await sender.SendAsync(sender.Build(WebhookSender.DeliveryExceptionPayload(installed, 1), installed, path: WebhookSender.DeliveryExceptionPath)))
        {
            Assert.True(exception.IsSuccessStatusCode, $"delivery exception answered {(int)exception.StatusCode}");
        }

        using (var forged = await sender.SendAsync(sender.Build(WebhookSender.OrderPayload(installed, 1), installed, signingSecret: "not-the-client-secret")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        Assert.Equal(200, (await system.Admin.CallbackAsync(installed, "uninstall", new Uri(system.BaseAddress, "api/bigcommerce/uninstall")))["status"]!.GetValue<int>());
    }

    private static async Task<HttpResponseMessage> SendAsync(
        FunctionsAppSystem system, HttpMethod method, string path, IReadOnlyDictionary<string, string>? headers = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        return await system.Http.SendAsync(request);
    }
}
