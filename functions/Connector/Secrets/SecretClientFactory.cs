using System.Security.Cryptography;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace Connector.Secrets;

/// <summary>
/// The real SecretClient: in Azure with the app's managed identity; locally against the sandbox's
/// Key Vault, trusting exactly its self-signed certificate and presenting a fixed development token.
/// </summary>
public static class SecretClientFactory
{
    public static SecretClient Create(KeyVaultOptions options)
    {
        if (options.DevelopmentAccessToken is not { Length: > 0 } token)
        {
            return new SecretClient(options.Uri, new DefaultAzureCredential());
        }

        var clientOptions = new SecretClientOptions
        {
            // The sandbox answers the challenge with Key Vault's real resource, which is not its own host.
            DisableChallengeResourceVerification = true,
        };
        if (options.DevelopmentCertificateThumbprint is { Length: > 0 } thumbprint)
        {
            var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                    certificate is not null
                    && string.Equals(Convert.ToHexString(SHA256.HashData(certificate.RawData)), thumbprint, StringComparison.OrdinalIgnoreCase),
            };
            clientOptions.Transport = new HttpClientTransport(handler);
        }

        return new SecretClient(options.Uri, new DevelopmentTokenCredential(token), clientOptions);
    }

    private sealed class DevelopmentTokenCredential(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
