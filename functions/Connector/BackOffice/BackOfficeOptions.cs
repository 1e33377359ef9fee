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

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
