using System.ComponentModel.DataAnnotations;

namespace Connector.BackOffice;

public sealed class BackOfficeOptions
{
    public const string Section = "BackOffice";

    /// <summary>The back office's API base; orders go to {BaseUrl}/orders.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    /// <summary>Shared secret for the HMAC-SHA256 body signature. In Azure it comes from Key Vault.</summary>
    [Required, MinLength(16)]
    public string SigningSecret { get; set; } = "";

    /// <summary>The quick retries of one POST before the queue takes over (see the "back-office" resilience handler).</summary>
    public const int QuickRetries = 2;

    /// <summary>
    /// The largest answer read from the back office: a feed page beyond it is refused unread (100 catalog records with
    /// BigCommerce's longest descriptions are about 6.5 MB), and any other answer is cut off there, so a faulty or hostile
    /// back office cannot make the connector hold what it likes in memory.
    /// </summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The longest one delivery's POST can take, its quick retries included, with a margin for their delays.</summary>
    public TimeSpan LongestPost => AttemptTimeout * (QuickRetries + 1) + TimeSpan.FromSeconds(10);
}
