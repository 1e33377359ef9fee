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

    /// <summary>
    /// How often the store's product ids are compared with the ledger to find deletions whose webhook never came
    /// (<see cref="CatalogDeletionCheck"/>): a page per 250 products each time, 40 calls an hour for 10,000 products.
    /// </summary>
    public TimeSpan DeletionCheckInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Pages of ids one run of the check reads at most (250 ids each); a larger catalog's check goes on in the next run, queued at once.</summary>
    public int DeletionCheckPagesPerRun { get; set; } = 200;
}
