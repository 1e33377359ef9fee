using System.ComponentModel.DataAnnotations;

namespace Connector.Webhooks;

public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Subscribe stores to order webhooks (on install and every poll). Off: polling alone, and stores' subscriptions are left as they are.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How far a callback's <c>webhook-timestamp</c> may be from now (replay window).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Larger bodies are refused (413); BigCommerce's callbacks are a few hundred bytes.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long a busy store's webhook reads wait to take more orders (<see cref="CoalescedOrderReads"/>). A quiet store's
    /// first callback is read at once.
    /// </summary>
    public TimeSpan CoalesceLinger { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A store with a callback within this long of the last is busy: its next read lingers.</summary>
    public TimeSpan CoalesceBusyWindow { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Group commits of the endpoint in flight at once; callbacks arriving meanwhile wait for one to finish and go together.</summary>
    [Range(1, 64)]
    public int MaxConcurrentWrites { get; set; } = 4;
}
