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
        // The sandbox's stand-in control panel may frame the app's page, by either of its names (localhost makes it cross-site).
        ["Connector:MerchantPage:ExtraFrameAncestors"] = $"{sandbox.BaseAddress.GetLeftPart(UriPartial.Authority)} {ControlPanelOrigin(sandbox)}",
    };

    /// <summary>The sandbox as "localhost": another site than the connector's 127.0.0.1, as BigCommerce's control panel is.</summary>
    public static string ControlPanelOrigin(SandboxHost sandbox) => $"http://localhost:{sandbox.BaseAddress.Port}";

    /// <summary>The sandbox's control panel with the app open for <paramref name="userId"/>, on the other site.</summary>
    public static Uri ControlPanel(SandboxHost sandbox, Uri connector, string storeHash, long userId) =>
        new($"{ControlPanelOrigin(sandbox)}/_admin/control-panel?store={storeHash}&user={userId}&load={Uri.EscapeDataString(new Uri(connector, "api/bigcommerce/load").ToString())}");
}
