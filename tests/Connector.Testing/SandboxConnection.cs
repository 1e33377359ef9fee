using System.Security.Cryptography;
using Sandbox;

namespace Connector.Testing;

/// <summary>The connector settings that point it at a running sandbox: BigCommerce, its login, Key Vault and the back office.</summary>
public static class SandboxConnection
{
    public static Dictionary<string, string> Settings(SandboxHost sandbox, Uri connectorUrl, string signingSecret, string adminKey) => new()
    {
        ["urls"] = connectorUrl.ToString(),
        ["BigCommerce:ApiBaseUrl"] = sandbox.BaseAddress.ToString(),
        ["BigCommerce:LoginBaseUrl"] = sandbox.BaseAddress.ToString(),
        ["BigCommerce:ClientId"] = sandbox.Options.App.ClientId,
        ["BigCommerce:ClientSecret"] = sandbox.Options.App.ClientSecret,
        ["KeyVault:Uri"] = sandbox.KeyVaultUri.ToString(),
        ["KeyVault:DevelopmentAccessToken"] = sandbox.Options.KeyVault.AccessToken,
        ["KeyVault:DevelopmentCertificateThumbprint"] = Convert.ToHexString(SHA256.HashData(sandbox.KeyVaultCertificate.RawData)),
        ["Connector:PublicBaseUrl"] = connectorUrl.ToString(),
        ["Connector:AdminApiKey"] = adminKey,
        ["BackOffice:BaseUrl"] = new Uri(sandbox.BaseAddress, "backoffice/").ToString(),
        ["BackOffice:SigningSecret"] = signingSecret,
    };
}
