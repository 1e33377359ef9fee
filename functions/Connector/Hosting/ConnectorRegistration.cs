using Azure.Data.Tables;
using Azure.Storage.Queues;
using Connector.BackOffice;
using Connector.BigCommerce;
using Connector.Orders;
using Connector.Storage;
using Connector.Stores;
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
        AddStorage(services, configuration);
        AddOptions(services, configuration);

        services.AddSingleton(sp => new StoreQuotaGate(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<BigCommerceOptions>>().Value.QuotaReserve));
        services.AddTransient<QuotaGateHandler>();
        services.AddHttpClient<BigCommerceOrdersClient>(http => http.Timeout = Timeout.InfiniteTimeSpan).AddBigCommercePipeline();
        services.AddHttpClient<BackOfficeClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("back-office", static (pipeline, context) =>
            {
                // A couple of quick retries for a blip; longer outages are retried by the queue. The
                // idempotency key makes a repeated POST safe.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                });
                pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<BackOfficeOptions>>().Value.AttemptTimeout);
            });

        services.AddSingleton<ConfiguredStores>();
        services.AddSingleton<ConfiguredStoreDirectory>();
        services.TryAddSingleton<IStoreDirectory>(sp => sp.GetRequiredService<ConfiguredStoreDirectory>());
        services.TryAddSingleton<IStoreTokenProvider>(sp => sp.GetRequiredService<ConfiguredStoreDirectory>());
        services.AddSingleton<StoreSettings>();
        services.AddSingleton<OrderLedger>();
        services.AddSingleton<SyncCursors>();
        services.AddSingleton<WorkQueue>();
        services.AddScoped<OrderSyncJob>();
        services.AddScoped<OrderDelivery>();

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

    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => new TableServiceClient(StorageConnectionString(configuration)));
        // Base64, as the Functions queue trigger expects by default.
        services.AddSingleton(_ => new QueueServiceClient(StorageConnectionString(configuration),
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }));
        services.AddSingleton<ConnectorStorage>();
    }

    private static string StorageConnectionString(IConfiguration configuration) =>
        configuration["AzureWebJobsStorage"] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("The setting AzureWebJobsStorage (the storage connection string) is missing.");

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BigCommerceOptions>().Bind(configuration.GetSection(BigCommerceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BackOfficeOptions>().Bind(configuration.GetSection(BackOfficeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OrderPollOptions>().Bind(configuration.GetSection(OrderPollOptions.Section));
        services.AddOptions<ConfiguredStoresOptions>().Bind(configuration.GetSection(ConfiguredStoresOptions.Section))
            .Validate(o => o.Items.All(s => s.StoreHash.Length > 0 && s.AccessToken.Length > 0),
                "Every configured store needs a StoreHash and an AccessToken.")
            .ValidateOnStart();
        services.Configure<QueueHostOptions>(configuration.GetSection(QueueHostOptions.Section));
    }
}
