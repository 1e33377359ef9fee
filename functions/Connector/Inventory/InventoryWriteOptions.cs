using System.ComponentModel.DataAnnotations;

namespace Connector.Inventory;

/// <summary>How the inventory queue writes to BigCommerce (section <c>Connector:Inventory</c>); see <see cref="AdjustmentBatcher"/>.</summary>
public sealed class InventoryWriteOptions
{
    public const string Section = "Connector:Inventory";

    /// <summary>BigCommerce's limit of items (SKU × location lines) in one absolute adjustment.</summary>
    public const int BigCommerceMaxItems = 2000;

    /// <summary>
    /// True (the default, see docs/benchmarks.md): the SKUs a worker processes at the same moment share one absolute
    /// adjustment per store. False: one request per SKU.
    /// </summary>
    public bool BatchWrites { get; set; } = true;

    /// <summary>
    /// How long a batch takes SKUs before it may be sent: long enough for the messages of a queue batch (16) to claim
    /// their rows and join. Measured end to end on Azurite: 30 ms gave 2–3 SKUs a request, 100 ms about 6, 250 ms about 10;
    /// the wait only delays each SKU by that much (the push is hourly), and under quota pressure batches grow anyway.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Requests per store under way at once, per process. 1: inventory-adjustments.mdx asks to "wait to send new requests
    /// until the current request returns", and SKUs arriving meanwhile join the next request.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentSends { get; set; } = 1;

    /// <summary>
    /// True (the default): <see cref="MaxConcurrentSends"/> holds across every instance, not only within one process: each
    /// request first takes the store's inventory-writer lease (Leases table). False: per process only.
    /// </summary>
    public bool OneWriterAcrossInstances { get; set; } = true;

    /// <summary>How long an instance may hold the store's writer lease before it lapses (if the instance died holding it).</summary>
    public TimeSpan WriterLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// True (the default): the ledger's claims and confirmations of the SKUs in hand at once share reads and one table
    /// transaction per store (<see cref="Storage.TableGroupCommit{T}"/>). False: a read and a write per SKU and step.
    /// </summary>
    public bool BatchLedgerWrites { get; set; } = true;

    /// <summary>Items per request at most (BigCommerce allows 2,000).</summary>
    [Range(1, BigCommerceMaxItems)]
    public int MaxBatchItems { get; set; } = BigCommerceMaxItems;
}
