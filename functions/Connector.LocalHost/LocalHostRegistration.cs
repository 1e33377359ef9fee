using Connector.Hosting;
using Connector.LocalHost.Queues;
using Connector.LocalHost.Storage;
using Connector.LocalHost.Timers;
using Connector.Storage;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connector.LocalHost;

/// <summary>LocalHost's own services: storage set-up, then one listener per queue trigger and one scheduler per timer.</summary>
public static class LocalHostRegistration
{
    public static IHostApplicationBuilder AddLocalHost(this IHostApplicationBuilder builder, LocalHostTriggers triggers)
    {
        var services = builder.Services;
        services.AddSingleton(triggers);
        // Replaces the connector's list: storage set-up and /api/health cover the queues a test's triggers bind too.
        services.AddSingleton(new HostedQueues(triggers.QueueNamesToCreate()));

        // One line per request without its query string, which carries BigCommerce's JWTs and OAuth codes
        // (see SecretSafeLogging: the hosting diagnostics that would log the full URL are held at Warning).
        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                              | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });

        services.AddOptions<LocalHostOptions>()
            .Bind(builder.Configuration.GetSection(LocalHostOptions.Section))
            .Validate(o => o.MessageLease >= TimeSpan.FromSeconds(1) && o.MessageLease <= TimeSpan.FromDays(7), "LocalHost:MessageLease must be between 1 second and 7 days (the queue service's limits).")
            .Validate(o => o.ShutdownDrainTimeout >= TimeSpan.Zero, "LocalHost:ShutdownDrainTimeout must not be negative.")
            .ValidateOnStart();

        // host.json's queue settings; the same limits the Functions host enforces.
        services.AddOptions<QueueHostOptions>()
            .Validate(o => o.BatchSize is >= 1 and <= 32, "extensions:queues:batchSize must be between 1 and 32.")
            .Validate(o => o.NewBatchThreshold >= 0, "extensions:queues:newBatchThreshold must not be negative.")
            .Validate(o => o.MaxDequeueCount >= 1, "extensions:queues:maxDequeueCount must be at least 1.")
            .Validate(o => o.VisibilityTimeout >= TimeSpan.Zero && o.VisibilityTimeout <= TimeSpan.FromDays(7), "extensions:queues:visibilityTimeout must be between 0 and 7 days.")
            .Validate(o => o.MaxPollingInterval > TimeSpan.Zero, "extensions:queues:maxPollingInterval must be positive.")
            // The connector's queue clients always encode base64, as the Functions default does.
            .Validate(o => string.Equals(o.MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase), "extensions:queues:messageEncoding must be base64.")
            .ValidateOnStart();

        // First, so every queue exists before a listener polls it.
        services.AddHostedService<StorageInitializer>();

        foreach (var queue in triggers.Queues)
        {
            RequireHandler<IQueueMessageHandler>(queue.FunctionName, queue.Handler);
            services.TryAddScoped(queue.Handler);
            if (IsDisabled(builder.Configuration, queue.FunctionName))
            {
                continue;
            }

            // Not AddHostedService: it keeps one registration per implementation type.
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueListener>(sp, queue));
        }

        foreach (var http in triggers.HttpTriggers)
        {
            RequireHandler<IHttpRequestHandler>(http.FunctionName, http.Handler);
            services.TryAddScoped(http.Handler);
        }

        foreach (var timer in triggers.Timers)
        {
            RequireHandler<ITimerHandler>(timer.FunctionName, timer.Handler);
            services.TryAddScoped(timer.Handler);
            if (IsDisabled(builder.Configuration, timer.FunctionName))
            {
                continue;
            }

            services.AddSingleton<IHostedService>(sp =>
                ActivatorUtilities.CreateInstance<TimerScheduler>(sp, timer, TimerSchedule.Resolve(timer, sp.GetRequiredService<IConfiguration>())));
        }

        return builder;
    }

    /// <summary>The Functions host's own switch, <c>AzureWebJobs.{name}.Disabled</c>: the function's trigger does not listen.</summary>
    public static bool IsDisabled(IConfiguration configuration, string functionName) =>
        configuration.GetValue<bool>(DisabledSetting(functionName));

    public static string DisabledSetting(string functionName) => $"AzureWebJobs.{functionName}.Disabled";

    private static void RequireHandler<THandler>(string functionName, Type handler)
    {
        if (!typeof(THandler).IsAssignableFrom(handler))
        {
            throw new ArgumentException($"Function {functionName}: {handler.FullName} does not implement {typeof(THandler).Name}.", nameof(handler));
        }
    }
}
