using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Installations;
using Connector.Inventory;
using Connector.MerchantPage;
using Connector.Secrets;
using Connector.Shipments;
using Connector.Operations;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
using Connector.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Connector.Hosting;

/// <summary>The one registration of the connector's services, shared by LocalHost and the Functions app.</summary>
public static class ConnectorRegistration
{
    public static IHostApplicationBuilder AddConnector(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingleton(TimeProvider.System);
        builder.Logging.AddSecretSafeLogging();
        // The instruments are recorded whatever the host exports; Telemetry.ConnectorTelemetry subscribes exporters to them.
        services.AddMetrics();
        services.AddSingleton<Telemetry.ConnectorMetrics>();
        services.AddSingleton<Telemetry.QueueBacklogGauges>();
        AddStorage(services, configuration);
        AddOptions(services, configuration);

        services.AddSingleton(sp => new StoreQuotaGate(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<BigCommerceOptions>>().Value.QuotaReserve));
        services.AddSingleton<SharedQuota>();
        services.AddTransient<QuotaGateHandler>();
        services.AddHttpClient<BigCommerceOrdersClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline();
        services.AddHttpClient<BigCommerceWebhooksClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline();
        services.AddHttpClient<BigCommerceInventoryClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline();
        services.AddHttpClient<BigCommerceCatalogClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline();
        services.AddHttpClient<BigCommerceCatalogWriteClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline();
        services.AddHttpClient<BigCommerceShipmentsClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline(repeatWrites: false);
        services.AddHttpClient<BackOfficeClient>(http =>
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
                // Feed pages are read with their own limit (a clear refusal); this bounds every other answer.
                http.MaxResponseContentBufferSize = BackOfficeOptions.MaxAnswerBytes;
            })
            .AddResilienceHandler("back-office", static (pipeline, context) =>
            {
                // A couple of quick retries for a blip; longer outages are retried by the queue. The
                // idempotency key makes a repeated POST safe.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = BackOfficeOptions.QuickRetries,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<BackOfficeOptions>>().Value.AttemptTimeout);
            });

        services.AddHttpClient<OAuthTokenClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .AddResilienceHandler("bigcommerce-login", static pipeline => pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(300),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));

        services.AddSingleton(sp => SecretClientFactory.Create(sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value));
        services.AddSingleton<StoreTokenVault>();
        services.TryAddSingleton<IStoreTokenProvider>(sp => sp.GetRequiredService<StoreTokenVault>());
        services.AddSingleton<InstallationRegistry>();
        services.TryAddSingleton<IStoreDirectory>(sp => sp.GetRequiredService<InstallationRegistry>());
        services.AddSingleton<AppUsers>();
        services.AddSingleton<SignedPayloadVerifier>();
        services.AddScoped<SignedCallback>();
        services.AddSingleton<StoreSettings>();
        services.AddSingleton<AttentionIndex>();
        services.AddSingleton<OrderLedger>();
        services.AddSingleton<CustomerDataRetention>();
        services.AddSingleton<UndeliveredOrderRecovery>();
        services.AddSingleton<SyncCursors>();
        services.AddSingleton<StoreSyncFanOut>();
        services.AddSingleton<WorkQueue>();
        services.TryAddSingleton<IPoisonQueue, StoragePoisonQueue>();
        services.TryAddSingleton<IRetryQueue, StorageRetryQueue>();
        services.AddSingleton<QueueInvocation>();
        services.AddSingleton<PoisonQueues>();
        services.AddScoped<OrderSyncJob>();
        services.AddScoped<WebhookSubscriptions>();
        services.AddSingleton<WebhookReceipts>();
        services.AddSingleton<UsedCallbackTokens>();
        services.AddSingleton<WebhookStoreCache>();
        services.AddScoped<WebhookRequest>();
        // One per process each: callbacks arriving together share a queue write, and orders named together share a read.
        services.AddSingleton<WebhookGroupCommit>();
        services.AddSingleton(sp => new CoalescedOrderReads(
            () => sp.GetRequiredService<BigCommerceOrdersClient>(), sp.GetRequiredService<IOptions<WebhookOptions>>(),
            sp.GetRequiredService<IOptions<BigCommerceOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CoalescedOrderReads>>()));
        services.AddScoped<OrderDelivery>();
        services.AddSingleton<SkuAttentionIndex>();
        services.AddSingleton<Activity.ActivityCounters>();
        services.AddSingleton<InventoryLedger>();
        services.AddSingleton<ActiveStoreCheck>();
        // One per process: the SKUs all of its inventory messages write at the same moment share requests.
        services.AddSingleton(sp => new AdjustmentBatcher(
            () => sp.GetRequiredService<BigCommerceInventoryClient>(), sp.GetRequiredService<IOptions<InventoryWriteOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<AdjustmentBatcher>>(),
            sp.GetRequiredService<StoreLeases>()));
        services.AddScoped<InventorySyncJob>();
        services.AddSingleton<FulfilmentLedger>();
        services.AddScoped<ShipmentSyncJob>();
        services.AddSingleton<PulledShipments>();
        services.AddScoped<BigCommerceShipmentPoll>();
        services.AddScoped<ShipmentWriter>();
        services.AddScoped<OrderCancellation>();
        services.AddSingleton<Catalog.CatalogSettingsStore>();
        services.AddSingleton<Catalog.ProductLedger>();
        services.AddSingleton<Catalog.CatalogImports>();
        services.AddSingleton<Catalog.DeletionChecks>();
        services.AddScoped<Catalog.CatalogDeletionCheck>();
        services.AddScoped<Catalog.ProductDelivery>();
        services.AddScoped<Catalog.CatalogSyncJob>();
        services.AddSingleton<CatalogPush.CatalogPushLedger>();
        services.AddSingleton<CatalogPush.IOwnCatalogWrites, Catalog.ProductOwnWrites>();
        // One per process: the catalog changes its messages write at the same moment share lookups and requests.
        services.AddSingleton(sp => new CatalogPush.CatalogWriteBatcher(
            () => sp.GetRequiredService<BigCommerceCatalogWriteClient>(), sp.GetRequiredService<CatalogPush.IOwnCatalogWrites>(),
            sp.GetRequiredService<IOptions<CatalogPush.CatalogPushOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CatalogPush.CatalogWriteBatcher>>()));
        services.AddScoped<CatalogPush.CatalogPushJob>();
        AddMerchantPage(services);

        foreach (var timer in TriggerCatalog.Timers)
        {
            services.AddScoped(timer.Handler);
        }

        foreach (var queue in TriggerCatalog.Queues)
        {
            services.AddScoped(queue.Handler);
        }

        foreach (var http in TriggerCatalog.Http)
        {
            services.AddScoped(http.Handler);
        }

        return builder;
    }

    /// <summary>
    /// The app's page: Razor components rendered by the handlers as IResults (RazorComponentResult needs the component
    /// renderer's services, so both hosts get them here), its sessions, and the flows its status section lists.
    /// </summary>
    private static void AddMerchantPage(IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddSingleton<PageSessionTokens>();
        services.AddSingleton<AppPages>();
        services.AddScoped<PageAccess>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<StoreChoicesCache>();
        services.AddSingleton<QuotaSeen>();
        services.AddScoped<StorePageBuilder>();
        services.AddScoped<StorePageRenderer>();
        // The status section shows one card per source, in this order; a new flow adds its own (IFlowStatusSource).
        services.AddSingleton<IFlowStatusSource, OrderFlowStatus>();
        services.AddSingleton<IFlowStatusSource, InventoryFlowStatus>();
        services.AddSingleton<IFlowStatusSource, ShipmentFlowStatus>();
        services.AddSingleton<IFlowStatusSource, CatalogFlowStatus>();
        // "What needs attention" besides orders: one list per source; a new flow adds its own (IAttentionSource).
        services.AddSingleton<IAttentionSource, SkuAttentionSource>();
        services.AddSingleton<IAttentionSource, ShipmentAttentionSource>();
        services.AddSingleton<IAttentionSource, ProductAttentionSource>();
        services.AddSingleton<IFlowStatusSource, CatalogPushFlowStatus>();
        services.AddSingleton<IAttentionSource, CatalogPushAttentionSource>();
    }

    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }; // as the Functions trigger expects
        services.AddSingleton(_ => StorageConnection.From(configuration) switch
        {
            { ConnectionString: { } cs } => new TableServiceClient(cs),
            var identity => new TableServiceClient(identity.TableUri, identity.Credential),
        });
        services.AddSingleton(_ => StorageConnection.From(configuration) switch
        {
            { ConnectionString: { } cs } => new QueueServiceClient(cs, queueOptions),
            var identity => new QueueServiceClient(identity.QueueUri, identity.Credential, queueOptions),
        });
        services.AddSingleton<ConnectorStorage>();
        services.TryAddSingleton(HostedQueues.Connector);
        services.AddSingleton<StorageProvisioning>();
        services.AddSingleton<StoreLeases>();
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BigCommerceOptions>().Bind(configuration.GetSection(BigCommerceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BackOfficeOptions>().Bind(configuration.GetSection(BackOfficeOptions.Section)).ValidateDataAnnotations()
            .Validate(o => SecretSetting.IsResolved(o.SigningSecret), $"BackOffice:SigningSecret {SecretSetting.Unresolved}.")
            .ValidateOnStart();
        services.AddOptions<OrderPollOptions>().Bind(configuration.GetSection(OrderPollOptions.Section));
        services.AddOptions<Catalog.CatalogPollOptions>().Bind(configuration.GetSection(Catalog.CatalogPollOptions.Section));
        services.AddOptions<CatalogPush.CatalogPushOptions>().Bind(configuration.GetSection(CatalogPush.CatalogPushOptions.Section));
        services.AddOptions<BigCommerceAppOptions>().Bind(configuration.GetSection(BigCommerceAppOptions.Section)).ValidateDataAnnotations()
            .Validate(o => SecretSetting.IsResolved(o.ClientSecret), $"BigCommerce:ClientSecret {SecretSetting.Unresolved}.")
            .ValidateOnStart();
        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.Section))
            .Validate(o => o.PublicBaseUrl is not null, "Connector:PublicBaseUrl (where BigCommerce reaches the connector) is required.")
            .Validate(o => o.AdminApiKey is null || SecretSetting.IsResolved(o.AdminApiKey), $"Connector:AdminApiKey {SecretSetting.Unresolved}.")
            .ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MerchantPageOptions>().Bind(configuration.GetSection(MerchantPageOptions.Section))
            .Validate(o => o.SessionKey is null || o.SessionKey.Length >= 32, "Connector:MerchantPage:SessionKey, when set, must be at least 32 characters.")
            .Validate(o => o.SessionKey is null || SecretSetting.IsResolved(o.SessionKey), $"Connector:MerchantPage:SessionKey {SecretSetting.Unresolved}.")
            .ValidateOnStart();
        services.AddOptions<InventoryWriteOptions>().Bind(configuration.GetSection(InventoryWriteOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<QueueHostOptions>(configuration.GetSection(QueueHostOptions.Section));
        services.AddOptions<QueueConcurrencyOptions>().Bind(configuration.GetSection(QueueConcurrencyOptions.Section))
            .Validate(o => o.Inventory.BatchSize is null or (>= 1 and <= 32), "Connector:QueueConcurrency:Inventory:BatchSize must be between 1 and 32.")
            .Validate(o => o.Inventory.NewBatchThreshold is null or >= 0, "Connector:QueueConcurrency:Inventory:NewBatchThreshold must not be negative.")
            .ValidateOnStart();
        services.Configure<QueueRetryOptions>(configuration.GetSection(QueueRetryOptions.Section));
        // The app-setting form the Functions host reads over host.json; the worker sees only app settings.
        services.Configure<QueueHostOptions>(configuration.GetSection(QueueHostOptions.AppSettingSection));
    }
}
