using System.ComponentModel.DataAnnotations;

namespace Connector.Secrets;

public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    [Required]
    public Uri? Uri { get; set; }

    /// <summary>How long a store's token is kept in memory before it is read from the vault again.</summary>
    public TimeSpan TokenCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Local development only (the sandbox's Key Vault): a fixed bearer token instead of an Entra ID
    /// identity, and the SHA-256 thumbprint of the sandbox's self-signed certificate to trust. Never set in Azure.
    /// </summary>
    public string? DevelopmentAccessToken { get; set; }

    public string? DevelopmentCertificateThumbprint { get; set; }
}
