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

    /// <summary>How long a forming batch waits for more SKUs before it is sent: long enough for a queue batch's messages to claim their rows.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Items per request at most (BigCommerce allows 2,000).</summary>
    [Range(1, BigCommerceMaxItems)]
    public int MaxBatchItems { get; set; } = BigCommerceMaxItems;
}
