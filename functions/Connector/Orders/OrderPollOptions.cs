namespace Connector.Orders;

public sealed class OrderPollOptions
{
    public const string Section = "Orders";

    /// <summary>
    /// How far behind the watermark each poll starts again. Covers orders that share a second with the
    /// page boundary and orders BigCommerce makes visible a little after their date_modified.
    /// </summary>
    public TimeSpan PollOverlap { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pages one poll run reads at most; the next run goes on from the watermark.</summary>
    public int MaxPagesPerRun { get; set; } = 400;

    /// <summary>Order messages sent at once while fanning out a page.</summary>
    public int EnqueueConcurrency { get; set; } = 16;
}
