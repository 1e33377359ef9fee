namespace Connector.Hosting;

/// <summary>
/// How many inventory messages LocalHost works at once (section <c>Connector:QueueConcurrency:Inventory</c>), over
/// host.json's <c>extensions.queues</c>, which is one setting for every queue. The inventory queue wants many more
/// messages in hand than the others: the SKUs in process at the same moment share one absolute adjustment and one ledger
/// transaction, so more in hand means more SKUs per BigCommerce request (the quota allows 150 requests per 30 s, and
/// 1,000,000 SKUs an hour need about 56 a request). The Functions host reads only host.json, where it can be raised for
/// every queue (<c>newBatchThreshold</c>); see docs/benchmarks.md.
/// </summary>
public sealed class QueueConcurrencyOptions
{
    public const string Section = "Connector:QueueConcurrency";

    public QueueConcurrency Inventory { get; set; } = new() { BatchSize = 32, NewBatchThreshold = 480 };

    /// <summary>
    /// The catalog push likewise: the changes in hand at once share one SKU lookup (50) and batch writes (10 products,
    /// 50 variants), so a worker holds a few lookups' worth.
    /// </summary>
    public QueueConcurrency CatalogPush { get; set; } = new() { BatchSize = 32, NewBatchThreshold = 288 };

    /// <summary>host.json's options with this queue's overrides, if it has any.</summary>
    public QueueHostOptions For(string queueName, QueueHostOptions host) => queueName switch
    {
        QueueNames.Inventory => Inventory.Over(host),
        QueueNames.CatalogPush => CatalogPush.Over(host),
        _ => host,
    };
}

/// <summary>A queue's own batch size and refill threshold (null: host.json's).</summary>
public sealed class QueueConcurrency
{
    public int? BatchSize { get; set; }

    public int? NewBatchThreshold { get; set; }

    public QueueHostOptions Over(QueueHostOptions host) => new()
    {
        BatchSize = BatchSize ?? host.BatchSize,
        NewBatchThreshold = NewBatchThreshold ?? host.NewBatchThreshold,
        MaxPollingInterval = host.MaxPollingInterval,
        VisibilityTimeout = host.VisibilityTimeout,
        MaxDequeueCount = host.MaxDequeueCount,
        MessageEncoding = host.MessageEncoding,
    };
}
