using System.ComponentModel.DataAnnotations;

namespace Connector.BigCommerce;

public sealed class BigCommerceOptions
{
    public const string Section = "BigCommerce";

    /// <summary>The store API's base; the sandbox stands in for it locally.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.bigcommerce.com");

    [Required]
    public Uri LoginBaseUrl { get; set; } = new("https://login.bigcommerce.com");

    /// <summary>Orders per list page; 250 is V2's maximum, and fewer pages means fewer calls.</summary>
    [Range(1, 250)]
    public int OrdersPageSize { get; set; } = 250;

    /// <summary>Requests kept in hand from each window's quota, because every app on a store shares it.</summary>
    [Range(0, 100)]
    public int QuotaReserve { get; set; } = 2;

    /// <summary>
    /// Claim requests from one account per store shared by every instance (the QuotaWindows table), so many instances
    /// together stay within the store's quota. Off, each process paces itself alone (fine for a single process).
    /// </summary>
    public bool ShareQuotaAcrossInstances { get; set; } = true;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    [Range(0, 20)]
    public int MaxRetryAttempts { get; set; } = 6;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
}
