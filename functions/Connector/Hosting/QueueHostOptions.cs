namespace Connector.Hosting;

/// <summary>
/// How queue messages are received. The defaults are the Azure Functions queue trigger's and
/// match host.json (extensions.queues), so LocalHost behaves as the Functions host does.
/// </summary>
public sealed class QueueHostOptions
{
    /// <summary>host.json's section, which LocalHost loads as configuration.</summary>
    public const string Section = "extensions:queues";

    public int BatchSize { get; set; } = 16;
    public int NewBatchThreshold { get; set; } = 8;
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public int MaxDequeueCount { get; set; } = 5;
    public string MessageEncoding { get; set; } = "base64";
}
