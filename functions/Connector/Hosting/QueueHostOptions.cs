namespace Connector.Hosting;

/// <summary>
/// How queue messages are received. The defaults are the Azure Functions queue trigger's and
/// match host.json (extensions.queues), so LocalHost behaves as the Functions host does.
/// </summary>
public sealed class QueueHostOptions
{
    /// <summary>host.json's section, which LocalHost loads as configuration.</summary>
    public const string Section = "extensions:queues";

    /// <summary>
    /// App settings <c>AzureFunctionsJobHost__extensions__queues__*</c> override host.json in the Functions host. The
    /// isolated worker never reads host.json, so this (or the defaults below, equal to host.json's) is what it knows.
    /// </summary>
    public const string AppSettingSection = "AzureFunctionsJobHost:" + Section;

    public int BatchSize { get; set; } = 16;
    public int NewBatchThreshold { get; set; } = 8;
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The attempt after which a failed message goes to poison; QueueInvocation adds the last error then.</summary>
    public int MaxDequeueCount { get; set; } = DefaultMaxDequeueCount;

    public const int DefaultMaxDequeueCount = 5;
    public string MessageEncoding { get; set; } = "base64";
}
