using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Shipments;
using Connector.Storage;
using Connector.Stores;
using Sandbox;

namespace Connector.Testing.Soak;

/// <summary>
/// The whole local system under load and faults: a real Azurite, the sandbox (BigCommerce, its webhooks,
/// Key Vault and the back office) and LocalHost as processes of their own (<see cref="SoakOptions.Instances"/>, as
/// Azure scales out). Orders arrive by webhook and poll, the back office's stock changes every cycle, faults come and
/// go, LocalHost processes are killed hard and Azurite restarted, and the back office ships and cancels a share of the
/// orders it received (<see cref="SoakShipmentsBackOffice"/>); then the faults stop and the run waits until every
/// order version is at the back office, every SKU's stock is in BigCommerce and every shipment and cancellation is
/// settled, and reports what it saw.
/// </summary>
public sealed class SoakRun(SoakOptions options, TextWriter progress)
{
    private const string AdminKey = "soak-admin-key-0123456789abcdef";
    private static readonly int[] LaterStatuses = [2, 10]; // shipped, completed: still orders the back office follows

    private readonly Random _random = new(options.Seed);
    private readonly List<string> _timeline = [];
    private readonly Dictionary<string, List<long>> _orders = [];
    private readonly Dictionary<string, Dictionary<string, int>> _feed = [];
    private readonly HashSet<(string Store, string Sku)> _changedSkus = [];

    // When a process was killed or storage was away: work done just before may not have been recorded.
    private readonly List<SoakDisruption> _disruptions = [];
    private readonly DateTimeOffset _startedAt = DateTimeOffset.UtcNow;
    private int _versions;
    private int _azuriteRestarts;
    private int _revocations;

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        var stores = Enumerable.Range(0, options.Stores).Select(i => $"soak{i}{Guid.NewGuid().ToString("N")[..6]}").ToList();
        var catalogStores = Enumerable.Range(0, options.CatalogStores).Select(i => $"soakcat{i}{Guid.NewGuid().ToString("N")[..6]}").ToList();
        var signingSecret = "soak-signing-" + Guid.NewGuid().ToString("N");
        await using var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.BackOffice.SigningSecret = signingSecret;
            o.Stores.Clear();
            foreach (var hash in stores.Concat(catalogStores))
            {
                o.Stores.Add(new StoreSeedOptions { Hash = hash, Token = "token-" + hash, Quota = options.Quota, WindowMs = options.WindowMs });
            }

            o.Webhooks.Enabled = true;
            // BigCommerce's 48 h of retries in about 90 s: a hook that keeps failing is deactivated within the run.
            o.Webhooks.RetryScale = 0.0005;
        }, args: ["--Logging:LogLevel:Default=Warning"], cancellationToken: cancellationToken);
        using var sandboxHttp = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var admin = new SandboxAdmin(sandboxHttp);

        // BigCommerce calls back (webhooks, callbacks) at the first instance's address, the connector's public one.
        var connectorUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var instances = Enumerable.Range(0, Math.Max(1, options.Instances)).Select(i =>
        {
            var url = i == 0 ? connectorUrl : new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            return new LocalHostProcess(Settings(azurite, sandbox, connectorUrl, url, signingSecret, runsTimers: i == 0), url,
                Path.Combine(options.OutputDirectory, i == 0 ? "localhost.log" : $"localhost-{i + 1}.log"));
        }).ToList();
        var localHost = instances[0];
        try
        {
            foreach (var instance in instances)
            {
                await instance.StartAsync(cancellationToken);
                Note($"LocalHost up at {instance.BaseAddress}; log {instance.LogPath}");
            }

            Note($"{instances.Count} instance(s), Azurite at {azurite.ConnectionString.Split(';').First(p => p.StartsWith("QueueEndpoint", StringComparison.Ordinal))}");
            await ConnectStoresAsync(localHost, admin, stores, cancellationToken);
            await AllowCancellationsAsync(azurite, stores, cancellationToken);
            var backOffice = new SoakShipmentsBackOffice(options, admin, stores, instances, Note);
            var audit = new SoakShipmentAudit(admin, azurite.ConnectionString);
            var catalog = new SoakCatalog(options, admin, catalogStores, Note);
            var catalogAudit = new SoakCatalogAudit(admin, azurite.ConnectionString);
            foreach (var store in catalogStores)
            {
                await RegisterAsync(localHost, store, "token-" + store, cancellationToken);
            }

            await catalog.SetUpAsync(azurite.ConnectionString, cancellationToken);

            var plan = SoakFaultPlan.Draw(options);
            using var loadOver = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var monitor = MonitorAsync(azurite, admin, stores, loadOver.Token);
            var publishing = backOffice.RunAsync(loadOver.Token);
            var cataloguing = catalogStores.Count > 0 ? catalog.RunAsync(loadOver.Token) : Task.CompletedTask;
            var load = RunLoadAsync(admin, stores, backOffice, cancellationToken);
            await RunPlanAsync(plan, azurite, admin, stores, instances, cancellationToken);
            await load;
            await loadOver.CancelAsync();
            await monitor;
            await publishing;
            await cataloguing;

            await admin.ClearFaultsAsync("bigcommerce");
            await admin.ClearFaultsAsync("backoffice");
            var quietFrom = DateTimeOffset.UtcNow;
            Note("load over, faults cleared; draining");
            // Every order's final version: nothing changes them once the load is over.
            var expected = await ExpectedVersionsAsync(admin, stores);
            var drained = await DrainAsync(azurite, admin, stores, expected, backOffice, audit, catalog, catalogAudit, quietFrom, cancellationToken);
            return await ReportAsync(azurite, admin, stores, expected, instances, backOffice, audit, catalog, catalogAudit, drained);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }

            await azurite.DisposeAsync();
        }
    }

    private Dictionary<string, string> Settings(AzuriteServer azurite, SandboxHost sandbox, Uri connectorUrl, Uri listenUrl, string signingSecret, bool runsTimers)
    {
        var settings = SandboxConnection.Settings(sandbox, connectorUrl, signingSecret, AdminKey);
        settings["urls"] = listenUrl.ToString();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["LocalHost:LocalSettingsPath"] = "none",
            ["LocalHost:MessageLease"] = options.MessageLease.ToString("c", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // The catalog flow's own lines (one per product message) say what became of each product.
            ["Logging:LogLevel:Connector.Catalog"] = "Information",
            ["OrderPollSchedule"] = runsTimers ? options.OrderPollSchedule : ConnectorSystem.ManualSchedule,
            ["InventoryPushSchedule"] = runsTimers ? options.InventoryPushSchedule : ConnectorSystem.ManualSchedule,
            ["ShipmentPollSchedule"] = runsTimers ? options.ShipmentPollSchedule : ConnectorSystem.ManualSchedule,
            ["CatalogPollSchedule"] = runsTimers && options.CatalogStores > 0 ? options.CatalogPollSchedule : ConnectorSystem.ManualSchedule,
            ["CatalogPushSchedule"] = runsTimers && options.CatalogStores > 0 ? options.CatalogPushSchedule : ConnectorSystem.ManualSchedule,
            ["CatalogPoll:DeletionCheckInterval"] = options.CatalogDeletionCheckInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Webhooks:Enabled"] = "true",
            ["extensions:queues:visibilityTimeout"] = "00:00:02",
            ["extensions:queues:maxPollingInterval"] = "00:00:01",
        })
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task ConnectStoresAsync(LocalHostProcess localHost, SandboxAdmin admin, IReadOnlyList<string> stores, CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            await RegisterAsync(localHost, store, "token-" + store, cancellationToken);

            var skus = Enumerable.Range(1, options.Skus).Select(i => $"SOAK-{i:D5}").ToList();
            await admin.SeedCatalogAsync(store, skus);
            _feed[store] = skus.ToDictionary(s => s, _ => _random.Next(0, 500));
            await admin.SetBackOfficeInventoryAsync(store, _feed[store].Select(f => (f.Key, f.Value)));
            foreach (var sku in skus)
            {
                _changedSkus.Add((store, sku));
            }

            _orders[store] = [];
        }

        Note($"{stores.Count} stores connected, {options.Skus} SKUs each in catalog and feed");
    }

    /// <summary>The soak's stores let the back office cancel orders (off by default), so cancellations are written, not all refused.</summary>
    private static async Task AllowCancellationsAsync(AzuriteServer azurite, IReadOnlyList<string> stores, CancellationToken cancellationToken)
    {
        var settings = new StoreSettings(new ConnectorStorage(new TableServiceClient(azurite.ConnectionString), new QueueServiceClient(azurite.ConnectionString)));
        foreach (var store in stores)
        {
            await settings.SaveShipmentSettingsAsync(store, new ShipmentSettings { CancellationsAllowed = true }, cancellationToken);
        }
    }

    /// <summary>
    /// Orders at an even pace across stores, later status changes on some (never on those the back office will ship or
    /// cancel: a status set by hand would undo a cancellation), and a stock change every push cycle.
    /// </summary>
    private async Task RunLoadAsync(SandboxAdmin admin, IReadOnlyList<string> stores, SoakShipmentsBackOffice backOffice, CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromMilliseconds(500);
        var ticks = (int)Math.Max(1, options.LoadDuration / tick);
        var perTick = (double)options.Orders / ticks;
        var inventoryEvery = (int)Math.Max(1, TimeSpan.FromSeconds(30) / tick);
        double owed = 0;
        var created = 0;
        for (var t = 0; t < ticks && !cancellationToken.IsCancellationRequested; t++)
        {
            var next = Task.Delay(tick, cancellationToken);
            owed += perTick;
            var count = Math.Min((int)owed, options.Orders - created);
            owed -= count;
            for (var n = 0; n < count; n++)
            {
                var store = stores[(created + n) % stores.Count];
                var ids = await admin.CreateOrdersAsync(store, 1);
                _orders[store].AddRange(ids);
                _versions++;
                backOffice.Designate(store, ids[0]);
            }

            created += count;
            for (var n = 0; n < count; n++)
            {
                if (_random.NextDouble() < options.ModifyShare)
                {
                    var store = stores[_random.Next(stores.Count)];
                    if (_orders[store].Count > 0)
                    {
                        var id = _orders[store][_random.Next(_orders[store].Count)];
                        var status = LaterStatuses[_random.Next(LaterStatuses.Length)];
                        if (!backOffice.IsDesignated(store, id))
                        {
                            await admin.ModifyOrderAsync(store, id, statusId: status);
                            _versions++;
                        }
                    }
                }
            }

            if (t % inventoryEvery == inventoryEvery / 2)
            {
                await ChangeStockAsync(admin, stores);
            }

            await next;
        }

        Note($"load done: {created} orders created, {_versions} versions");
    }

    /// <summary>A line a minute during the load: how far behind the connector is.</summary>
    private async Task MonitorAsync(AzuriteServer azurite, SandboxAdmin admin, IReadOnlyList<string> stores, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
                var delivered = 0;
                foreach (var store in stores)
                {
                    delivered += (await admin.DeliveriesAsync(store)).Accepted;
                }

                Note($"progress: {_orders.Values.Sum(o => o.Count)} orders created, {delivered} versions at the back office, {await QueuedAsync(azurite)} messages queued");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Messages in the work queues (leased ones included); -1 when storage cannot say.</summary>
    private static async Task<int> QueuedAsync(AzuriteServer azurite)
    {
        try
        {
            var service = new QueueServiceClient(azurite.ConnectionString);
            var queued = 0;
            foreach (var name in QueueNames.All)
            {
                queued += (await service.GetQueueClient(name).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            }

            return queued;
        }
        catch (Exception ex) when (Storage.StorageFaults.IsUnavailable(ex))
        {
            return -1;
        }
    }

    private async Task ChangeStockAsync(SandboxAdmin admin, IReadOnlyList<string> stores)
    {
        foreach (var store in stores)
        {
            var feed = _feed[store];
            foreach (var sku in feed.Keys.Where(_ => _random.NextDouble() < options.SkuChangeShare).ToList())
            {
                feed[sku] = _random.Next(0, 500);
                _changedSkus.Add((store, sku));
            }

            await admin.SetBackOfficeInventoryAsync(store, feed.Select(f => (f.Key, f.Value)));
        }
    }

    private async Task RunPlanAsync(
        IReadOnlyList<SoakEvent> plan, AzuriteServer azurite, SandboxAdmin admin, IReadOnlyList<string> stores, IReadOnlyList<LocalHostProcess> instances,
        CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow;
        var pending = new List<Task>();
        foreach (var planned in plan)
        {
            var wait = start + planned.At - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            switch (planned)
            {
                case SoakEvent.FaultWindow w:
                    pending.Add(FaultWindowAsync(admin, w, cancellationToken));
                    break;
                case SoakEvent.WebhookChaos c:
                    if (c.Kind == "duplicate")
                    {
                        await admin.DuplicateNextWebhooksAsync(stores[c.Store], c.Count);
                    }
                    else
                    {
                        await admin.ReorderNextWebhooksAsync(stores[c.Store], c.Count);
                    }

                    Note($"webhooks: next {c.Count} events of store {c.Store} {(c.Kind == "duplicate" ? "sent twice" : "held and released newest first")}");
                    break;
                case SoakEvent.DeactivateHooks d:
                    foreach (var hook in await admin.WebhooksAsync(stores[d.Store]))
                    {
                        await admin.DeactivateWebhookAsync(stores[d.Store], hook!["id"]!.GetValue<long>());
                    }

                    Note($"webhooks of store {d.Store} deactivated by BigCommerce");
                    break;
                case SoakEvent.KillLocalHost k:
                    var victim = instances[k.Instance % instances.Count];
                    _disruptions.Add(new SoakDisruption(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
                    await victim.KillAsync();
                    Note($"LocalHost {k.Instance % instances.Count + 1} killed (SIGKILL); down {k.Down.TotalSeconds:0.0} s");
                    await Task.Delay(k.Down, cancellationToken);
                    await victim.StartAsync(cancellationToken);
                    Note($"LocalHost {k.Instance % instances.Count + 1} started again");
                    break;
                case SoakEvent.RevokeDuringOutage r:
                    await RevokeDuringOutageAsync(admin, stores[r.Store], r, instances[0], cancellationToken);
                    break;
                case SoakEvent.RestartAzurite:
                    Note("Azurite stopping (data kept)");
                    var stopping = DateTimeOffset.UtcNow;
                    await azurite.RestartAsync(cancellationToken);
                    _disruptions.Add(new SoakDisruption(stopping, DateTimeOffset.UtcNow));
                    _azuriteRestarts++;
                    Note("Azurite started again");
                    break;
            }
        }

        await Task.WhenAll(pending);
    }

    /// <summary>
    /// POST /api/stores as an operator would, trying again for a minute while the connector answers 5xx (BigCommerce
    /// faults) or is down (a kill).
    /// </summary>
    private static async Task RegisterAsync(LocalHostProcess connector, string store, string token, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = connector.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/stores", UriKind.Relative))
            {
                Content = JsonContent.Create(new { storeHash = store, accessToken = token }),
            };
            request.Headers.Add("X-Admin-Key", AdminKey);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode || (int)response.StatusCode < 500 || DateTimeOffset.UtcNow > deadline)
                {
                    response.EnsureSuccessStatusCode();
                    return;
                }
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow <= deadline)
            {
                // The instance is down for a moment (a kill); it comes back.
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    private async Task RevokeDuringOutageAsync(
        SandboxAdmin admin, string store, SoakEvent.RevokeDuringOutage revocation, LocalHostProcess connector, CancellationToken cancellationToken)
    {
        await admin.SetFaultsAsync("backoffice", new { errorRate = 1.0 });
        Note($"back office down; orders of store {store} pile up");
        await Task.Delay(revocation.Away / 2, cancellationToken);
        await admin.RevokeTokenAsync(store);
        _revocations++;
        Note($"BigCommerce revoked the token of store {store}");
        await Task.Delay(revocation.Away, cancellationToken);
        var token = await admin.StoreTokenAsync(store);
        await RegisterAsync(connector, store, token, cancellationToken);
        Note($"store {store} registered again with its new token");
        await Task.Delay(revocation.Away / 2, cancellationToken);
        await admin.ClearFaultsAsync("backoffice");
        Note("back office up again");
    }

    private async Task FaultWindowAsync(SandboxAdmin admin, SoakEvent.FaultWindow window, CancellationToken cancellationToken)
    {
        Note($"faults on for {window.Length.TotalSeconds:0} s: {window.Name}");
        if (window.BigCommerce is { } bc)
        {
            await admin.SetFaultsAsync("bigcommerce", bc);
        }

        if (window.BackOffice is { } bo)
        {
            await admin.SetFaultsAsync("backoffice", bo);
        }

        await Task.Delay(window.Length, cancellationToken);
        await admin.ClearFaultsAsync("bigcommerce");
        await admin.ClearFaultsAsync("backoffice");
        Note($"faults off: {window.Name}");
    }

    private sealed record Outstanding(List<string> LostOrders, List<string> StaleSkus, int Queued, List<PoisonedMessage> Poison, int Delivered);

    /// <summary>
    /// Until every order version is at the back office, every SKU's stock in BigCommerce, no message queued, every
    /// back-office shipment and cancellation settled (orders the back office receives only now are shipped now), and the
    /// catalog settled both ways. A catalog that stays unsettled with nothing queued and nothing else left for
    /// <see cref="CatalogStuckAfter"/> (several catalog polls and feed reads) will not settle: the drain stops there.
    /// </summary>
    private async Task<TimeSpan?> DrainAsync(
        AzuriteServer azurite, SandboxAdmin admin, IReadOnlyList<string> stores, Dictionary<(string Store, long Id), DateTimeOffset> expected,
        SoakShipmentsBackOffice backOffice, SoakShipmentAudit audit, SoakCatalog catalog, SoakCatalogAudit catalogAudit, DateTimeOffset quietFrom,
        CancellationToken cancellationToken)
    {
        var deadline = quietFrom + options.DrainTimeout;
        var lastNote = DateTimeOffset.MinValue;
        (int Count, DateTimeOffset Since) catalogLeft = (-1, DateTimeOffset.UtcNow);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await backOffice.PublishReadyAsync(cancellationToken);
            var left = await OutstandingAsync(azurite, admin, stores, expected, backOffice);
            var unsettled = backOffice.NotYetPublished + await audit.UnsettledAsync(backOffice.Published);
            var catalogUnsettled = await CatalogUnsettledAsync(catalog, catalogAudit);
            if (catalogUnsettled != catalogLeft.Count)
            {
                catalogLeft = (catalogUnsettled, DateTimeOffset.UtcNow);
            }

            var restSettled = left.LostOrders.Count == 0 && left.StaleSkus.Count == 0 && left.Queued == 0 && unsettled == 0;
            if (restSettled && catalogUnsettled > 0 && DateTimeOffset.UtcNow - catalogLeft.Since > CatalogStuckAfter)
            {
                Note($"the catalog stays unsettled ({catalogUnsettled}) with nothing queued for {CatalogStuckAfter.TotalSeconds:0} s: not waiting longer");
                return null;
            }

            if (restSettled && catalogUnsettled == 0)
            {
                var drain = DateTimeOffset.UtcNow - quietFrom;
                Note($"drained in {drain.TotalSeconds:0} s");
                return drain;
            }

            if (DateTimeOffset.UtcNow - lastNote > TimeSpan.FromSeconds(15))
            {
                lastNote = DateTimeOffset.UtcNow;
                Note($"draining: {left.LostOrders.Count} order versions not at the back office, {left.StaleSkus.Count} SKUs stale, {left.Queued} messages queued, {left.Poison.Count} in poison, {unsettled} shipments/cancellations not settled, {catalogUnsettled} catalog items not settled");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        Note($"did not drain within {options.DrainTimeout.TotalMinutes:0} min");
        return null;
    }

    private static readonly TimeSpan CatalogStuckAfter = TimeSpan.FromSeconds(90);

    /// <summary>Catalog items not settled yet (0 without catalog stores); -1 when storage cannot say.</summary>
    private static async Task<int> CatalogUnsettledAsync(SoakCatalog catalog, SoakCatalogAudit audit)
    {
        if (catalog.Stores.Count == 0)
        {
            return 0;
        }

        try
        {
            return (await audit.CountAsync(catalog, [], [])).Unsettled;
        }
        catch (Exception ex) when (Storage.StorageFaults.IsUnavailable(ex))
        {
            return -1;
        }
    }

    /// <summary>The latest version (date_modified) of every order the run created, as the store holds it now.</summary>
    private async Task<Dictionary<(string Store, long Id), DateTimeOffset>> ExpectedVersionsAsync(SandboxAdmin admin, IReadOnlyList<string> stores)
    {
        var expected = new Dictionary<(string, long), DateTimeOffset>();
        foreach (var store in stores)
        {
            foreach (var id in _orders[store])
            {
                var order = await admin.GetOrderAsync(store, id);
                expected[(store, id)] = Rfc2822Date.Parse(order["order"]!["date_modified"]!.GetValue<string>());
            }
        }

        return expected;
    }

    private async Task<Outstanding> OutstandingAsync(
        AzuriteServer azurite, SandboxAdmin admin, IReadOnlyList<string> stores, Dictionary<(string Store, long Id), DateTimeOffset> expected,
        SoakShipmentsBackOffice backOffice)
    {
        var lost = new List<string>();
        var stale = new List<string>();
        var delivered = 0;
        foreach (var store in stores)
        {
            var received = (await admin.DeliveriesAsync(store)).Orders.ToDictionary(o => o.OrderId, o => o.LastModifiedAt);
            foreach (var id in _orders[store])
            {
                // An order the back office shipped or cancelled: the versions that made are its own doing, not sent back to it.
                var wanted = backOffice.PublishedVersion(store, id) ?? expected[(store, id)];
                if (received.TryGetValue(id, out var at) && at >= wanted)
                {
                    delivered++;
                }
                else
                {
                    lost.Add($"{store}/{id}");
                }
            }

            var levels = await admin.StockLevelsAsync(store);
            stale.AddRange(_feed[store].Where(f => !levels.TryGetValue(f.Key, out var level) || level.Quantity != f.Value).Select(f => $"{store}/{f.Key}"));
        }

        return new Outstanding(lost, stale, await QueuedAsync(azurite), await PoisonAsync(azurite), delivered);
    }

    /// <summary>Up to 32 messages of each poison queue.</summary>
    private static async Task<List<PoisonedMessage>> PoisonAsync(AzuriteServer azurite)
    {
        var poison = new List<PoisonedMessage>();
        var service = new QueueServiceClient(azurite.ConnectionString);
        try
        {
            foreach (var name in QueueNames.All.Select(QueueNames.PoisonOf))
            {
                var dead = service.GetQueueClient(name);
                if (await dead.ExistsAsync())
                {
                    poison.AddRange((await dead.PeekMessagesAsync(32)).Value.Select(m => new PoisonedMessage(name, m.Body.ToString())));
                }
            }
        }
        catch (Exception ex) when (Storage.StorageFaults.IsUnavailable(ex))
        {
            // Asked again on the next pass of the drain.
        }

        return poison;
    }

    private async Task<SoakReport> ReportAsync(
        AzuriteServer azurite, SandboxAdmin admin, IReadOnlyList<string> stores, Dictionary<(string Store, long Id), DateTimeOffset> expected,
        IReadOnlyList<LocalHostProcess> instances, SoakShipmentsBackOffice backOffice, SoakShipmentAudit audit, SoakCatalog catalog, SoakCatalogAudit catalogAudit,
        TimeSpan? drained)
    {
        var left = await OutstandingAsync(azurite, admin, stores, expected, backOffice);
        int doubles = 0, deliveries = 0, duplicates = 0, rejected = 0;
        long requests = 0, rateLimited = 0, writes = 0;
        var injected = new Dictionary<string, long>();
        foreach (var store in stores)
        {
            var d = await admin.DeliveriesAsync(store);
            doubles += d.OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion;
            deliveries += d.Accepted;
            duplicates += d.DuplicateAttempts;
            rejected += d.Rejected;
            var stats = await admin.StoreStatsAsync(store);
            requests += stats["requests"]!.GetValue<long>();
            rateLimited += stats["rateLimited"]!.GetValue<long>();
            Add(injected, "bigcommerce ", stats["injectedFaults"]!.AsObject());
            writes += (await admin.InventoryStatsAsync(store))["itemsWritten"]!.GetValue<long>();
        }

        var backOfficeFaults = (await admin.FaultStatusAsync("backoffice"))["injected"]!.AsObject();
        Add(injected, "back office ", backOfficeFaults);
        var webhookStats = (await admin.WebhookStatsAsync())["stats"]!.AsObject();
        var webhooks = webhookStats.ToDictionary(p => p.Key, p => p.Value!.GetValue<long>());
        var levels = instances.Select(i => i.CountLogLevels()).ToList();
        var (warnings, errors) = (levels.Sum(l => l.Warnings), levels.Sum(l => l.Errors));
        return new SoakReport
        {
            Options = options,
            StartedAt = _startedAt,
            LoadPhase = options.LoadDuration,
            DrainTime = drained,
            OrdersCreated = _orders.Values.Sum(o => o.Count),
            OrderVersionsCreated = _versions,
            OrdersDelivered = left.Delivered,
            OrdersLost = left.LostOrders.Count,
            LostOrders = left.LostOrders,
            DeliveredMoreThanOnceWithDifferentKeys = doubles,
            BackOfficeDeliveries = deliveries,
            DuplicateAttempts = duplicates,
            Rejected = rejected,
            Poison = left.Poison,
            SkusChanged = _changedSkus.Count,
            SkuWrites = writes,
            SkusStale = left.StaleSkus.Count,
            StaleSkus = left.StaleSkus,
            BigCommerceRequests = requests,
            BigCommerce429s = rateLimited,
            InjectedFaults = injected,
            Webhooks = webhooks,
            Kills = instances.Sum(i => i.Kills),
            AzuriteRestarts = _azuriteRestarts,
            Revocations = _revocations,
            LogWarnings = warnings,
            LogErrors = errors,
            Timeline = _timeline,
            Shipments = await audit.CountAsync(backOffice, stores, left.Poison),
            Catalog = catalog.Stores.Count > 0 ? await catalogAudit.CountAsync(catalog, left.Poison, _disruptions, final: true) : SoakCatalogFigures.None,
        };
    }

    private static void Add(Dictionary<string, long> into, string prefix, JsonObject counts)
    {
        foreach (var (key, value) in counts)
        {
            if (value is JsonValue v && v.TryGetValue<long>(out var n))
            {
                into[prefix + key] = into.GetValueOrDefault(prefix + key) + n;
            }
        }
    }

    private void Note(string what)
    {
        var line = $"{(DateTimeOffset.UtcNow - _startedAt).TotalSeconds,6:0.0} s  {what}";
        lock (_timeline)
        {
            _timeline.Add(line);
        }

        progress.WriteLine(line);
    }
}
