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
}
