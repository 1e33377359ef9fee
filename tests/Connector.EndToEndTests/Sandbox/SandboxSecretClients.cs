using System.Security.Cryptography;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Sandbox;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>
/// A real SecretClient aimed at the sandbox's Key Vault: its transport trusts exactly the
/// sandbox's certificate (SHA-256 thumbprint), and the challenge resource (vault.azure.net)
/// is not checked against the loopback host.
/// </summary>
public static class SandboxSecretClients
{
    public static SecretClient Create(SandboxHost sandbox, string? token = null, Uri? vaultUri = null)
    {
        var pinned = sandbox.KeyVaultCertificate.GetCertHashString(HashAlgorithmName.SHA256);
#pragma warning disable CA2000 // The transport owns the handler for the client's lifetime.
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase),
        };
#pragma warning restore CA2000
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(handler),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(20);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
        return new SecretClient(vaultUri ?? sandbox.KeyVaultUri, new StaticTokenCredential(token ?? sandbox.Options.KeyVault.AccessToken), options);
    }
}
