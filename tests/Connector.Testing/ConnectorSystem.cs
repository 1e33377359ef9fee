using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sandbox;

namespace Connector.Testing;

/// <summary>How to start a <see cref="ConnectorSystem"/>.</summary>
public sealed record ConnectorSystemOptions
{
    public int SeedOrders { get; init; }
    /// <summary>The store's request quota per window; the sandbox's default is the Standard plan's 150 per 30 s.</summary>
    public int? Quota { get; init; }
    public int? WindowMs { get; init; }
    /// <summary>The token the store is registered with; null means the store's real one.</summary>
    public string? ConnectorToken { get; init; }
    /// <summary>Connect the store with an API account at start (orders created from then on flow); false leaves it unconnected.</summary>
    public bool ConnectStore { get; init; } = true;
    /// <summary>Connector settings that override the system's defaults.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    public Action<IHostApplicationBuilder>? Configure { get; init; }
    /// <summary>
    /// BigCommerce webhooks on both sides: the sandbox delivers events and the connector subscribes (at registration and
    /// on each poll). Off (the default), the poll alone brings orders, as the order tests expect.
    /// </summary>
    public bool Webhooks { get; init; }
    /// <summary>Multiplies BigCommerce's webhook retry schedule (60 s … 24 h); the default makes it seconds.</summary>
    public double WebhookRetryScale { get; init; } = 0.001;
}

/// <summary>
/// The whole local system for one fresh store: the sandbox (BigCommerce and the back office) and the
/// connector's LocalHost, both in-process on loopback ports, on a shared real Azurite. Each system
/// gets its own store hash, so systems on one Azurite do not see each other's data.
/// </summary>
public sealed class ConnectorSystem : IAsyncDisposable
{
    /// <summary>Never fires by itself: tests and benchmarks run the poll when they mean to.</summary>
    public const string ManualSchedule = "0 0 0 1 1 *";

    public const string AdminKey = "end-to-end-admin-key-0123456789";

    private readonly Dictionary<string, string> _settings;
    private readonly Action<IHostApplicationBuilder>? _configure;
    private readonly AzuriteServer _azurite;
    private readonly List<InProcessLocalHost> _moreInstances = [];

    private ConnectorSystem(
        SandboxHost sandbox, InProcessLocalHost connector, string storeHash, string token,
        AzuriteServer azurite, Dictionary<string, string> settings, Action<IHostApplicationBuilder>? configure)
    {
        _azurite = azurite;
        _settings = settings;
        _configure = configure;
        Sandbox = sandbox;
        Connector = connector;
        StoreHash = storeHash;
        Token = token;
        SandboxHttp = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Admin = new SandboxAdmin(SandboxHttp);
    }

    public SandboxHost Sandbox { get; }
    public InProcessLocalHost Connector { get; }
    public string StoreHash { get; }

    /// <summary>The Azurite this system's LocalHost stores in.</summary>
    public AzuriteServer Azurite => _azurite;
    public string Token { get; }
    public HttpClient SandboxHttp { get; }
    public SandboxAdmin Admin { get; }

    public static async Task<ConnectorSystem> StartAsync(AzuriteServer azurite, ConnectorSystemOptions? options = null)
    {
        options ??= new ConnectorSystemOptions();
        var storeHash = "st" + Guid.NewGuid().ToString("N")[..10];
        var token = "token-" + Guid.NewGuid().ToString("N");
        var signingSecret = "signing-" + Guid.NewGuid().ToString("N");
        var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.BackOffice.SigningSecret = signingSecret;
            o.Stores.Clear();
            o.Stores.Add(new StoreSeedOptions { Hash = storeHash, Token = token, SeedOrders = options.SeedOrders, Quota = options.Quota, WindowMs = options.WindowMs });
            o.Webhooks.Enabled = options.Webhooks;
            o.Webhooks.RetryScale = options.WebhookRetryScale;
        });

        // Chosen before start: BigCommerce's callbacks (and the OAuth redirect URI) need the connector's address.
        var connectorUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = SandboxConnection.Settings(sandbox, connectorUrl, signingSecret, AdminKey);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["BigCommerce:RetryBaseDelay"] = "00:00:00.100",
            ["OrderPollSchedule"] = ManualSchedule,
            ["InventoryPushSchedule"] = ManualSchedule,
            ["ShipmentPollSchedule"] = ManualSchedule,
            ["CatalogPollSchedule"] = ManualSchedule,
            ["CatalogPushSchedule"] = ManualSchedule,
            ["Webhooks:Enabled"] = options.Webhooks ? "true" : "false",
            // Failed messages reappear quickly, so retries and poison happen within a test's time.
            ["extensions:queues:visibilityTimeout"] = "00:00:00.300",
            ["extensions:queues:maxPollingInterval"] = "00:00:00.200",
        })
        {
            settings[key] = value;
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        await ForgetEarlierSystemsAsync(azurite);
        InProcessLocalHost? connector = null;
        try
        {
            connector = await InProcessLocalHost.StartAsync(azurite, settings: settings, configure: options.Configure);
            var system = new ConnectorSystem(sandbox, connector, storeHash, token, azurite, settings, options.Configure);
            if (options.ConnectStore)
            {
                var registered = await system.RegisterApiAccountAsync(storeHash, options.ConnectorToken ?? token);
                if (options.ConnectorToken is null)
                {
                    registered.EnsureSuccessStatusCode();
                }
            }

            return system;
        }
        catch
        {
            if (connector is not null)
            {
                await connector.DisposeAsync();
            }

            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Systems share one Azurite, one after another: the stores and queued work an earlier system left
    /// (whose sandbox is gone) must not reach this one.
    /// </summary>
    private static async Task ForgetEarlierSystemsAsync(AzuriteServer azurite)
    {
        var installations = new TableClient(azurite.ConnectionString, TableNames.Installations);
        await installations.CreateIfNotExistsAsync();
        await foreach (var row in installations.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await installations.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        foreach (var name in QueueNames.All.SelectMany(q => new[] { q, QueueNames.PoisonOf(q) }))
        {
            var queue = queues.GetQueueClient(name);
            if (await queue.ExistsAsync())
            {
                await queue.ClearMessagesAsync();
            }
        }
    }

    /// <summary>
    /// One more instance of the connector on the same storage and sandbox, as Azure scales out: it takes messages from
    /// the same queues and spends the same store's quota. Stopped with the system.
    /// </summary>
    public async Task<InProcessLocalHost> StartAnotherInstanceAsync()
    {
        var settings = new Dictionary<string, string>(_settings) { ["urls"] = $"http://127.0.0.1:{FreePort.Next()}/" };
        var instance = await InProcessLocalHost.StartAsync(_azurite, settings: settings, configure: _configure);
        _moreInstances.Add(instance);
        return instance;
    }

    /// <summary>POST /api/stores as an operator would: connects a store with an API account's token.</summary>
    public async Task<HttpResponseMessage> RegisterApiAccountAsync(string storeHash, string accessToken, DateTimeOffset? ordersSince = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/stores", UriKind.Relative))
        {
            Content = JsonContent.Create(new { storeHash, accessToken, ordersSince }),
        };
        request.Headers.Add("X-Admin-Key", AdminKey);
        return await Connector.Http.SendAsync(request);
    }

    /// <summary>Runs the order poll now, as the timer would; returns once every store's sync job is queued.</summary>
    public async Task RunOrderPollAsync()
    {
        var response = await Connector.Http.PostAsync(new Uri("/admin/functions/OrderPoll", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    public async Task RunInventoryPushAsync()
    {
        var response = await Connector.Http.PostAsync(new Uri("/admin/functions/InventoryPush", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs the shipments poll now: every store's feed read and, when it pulls them, BigCommerce's shipments.</summary>
    public async Task RunShipmentPollAsync()
    {
        var response = await Connector.Http.PostAsync(new Uri("/admin/functions/ShipmentPoll", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Runs the catalog poll now (the initial import on a store's first run): every store whose catalog flow is on.</summary>
    public async Task RunCatalogPollAsync()
    {
        var response = await Connector.Http.PostAsync(new Uri("/admin/functions/CatalogPoll", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Turns the store's catalog flow on or off (off by default).</summary>
    public Task SetCatalogPullAsync(bool on) =>
        Service<Connector.Catalog.CatalogSettingsStore>().SaveAsync(StoreHash, new Connector.Catalog.CatalogSettings { PullEnabled = on }, CancellationToken.None);

    /// <summary>Runs the catalog push now: every store whose push is on reads the back office's catalog-changes feed.</summary>
    public async Task RunCatalogPushAsync()
    {
        var response = await Connector.Http.PostAsync(new Uri("/admin/functions/CatalogPush", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The store's catalog settings, changed (the push is off by default).</summary>
    public async Task ChangeCatalogSettingsAsync(Func<Connector.Catalog.CatalogSettings, Connector.Catalog.CatalogSettings> change)
    {
        var store = Service<Connector.Catalog.CatalogSettingsStore>();
        await store.SaveAsync(StoreHash, change(await store.GetAsync(StoreHash, CancellationToken.None)), CancellationToken.None);
    }

    /// <summary>Hand-made BigCommerce callbacks to this connector, signed with the app's client secret.</summary>
    public WebhookSender WebhookSender => new(Connector.Http, Sandbox.Options.App.ClientSecret);

    public T Service<T>() where T : notnull => Connector.Services.GetRequiredService<T>();

    public Task<OrderLedgerEntry?> LedgerAsync(long orderId) => Service<OrderLedger>().FindAsync(StoreHash, orderId, CancellationToken.None);

    public TableClient Table(string name) => Service<ConnectorStorage>().Table(name);

    /// <summary>This store's messages in a queue's poison twin, as their JSON bodies.</summary>
    public async Task<IReadOnlyList<string>> PoisonMessagesAsync(string queueName)
    {
        var poison = Service<ConnectorStorage>().Queue(QueueNames.PoisonOf(queueName));
        var peeked = await poison.PeekMessagesAsync(32);
        return peeked.Value.Select(m => m.Body.ToString()).Where(body => body.Contains(StoreHash, StringComparison.Ordinal)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _moreInstances)
        {
            await instance.DisposeAsync();
        }

        await Connector.DisposeAsync();
        await Sandbox.DisposeAsync();
        SandboxHttp.Dispose();
    }
}
