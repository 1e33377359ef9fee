namespace Connector.Catalog;

/// <summary>The catalog poll's tuning (configuration section <c>CatalogPoll</c>).</summary>
public sealed class CatalogPollOptions
{
    public const string Section = "CatalogPoll";

    /// <summary>The flow's name in SyncCursors and store-sync messages.</summary>
    public const string Flow = "catalog";

    /// <summary>How far behind the watermark each poll starts again: BigCommerce's clock and replicas may lag a little.</summary>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pages one run reads at most (250 products each); an import that has more goes on in the next run, queued at once.</summary>
    public int MaxPagesPerRun { get; set; } = 200;

    public int PageSize { get; set; } = 250;

    public int EnqueueConcurrency { get; set; } = 16;
}
