namespace Connector.Hosting;

/// <summary>
/// In Azure, secret settings are Key Vault references that the platform resolves. One it could not
/// resolve (no access, no such secret) arrives as its own text; the connector must not take that text
/// as the secret, so start-up fails naming the setting instead.
/// </summary>
public static class SecretSetting
{
    public static bool IsResolved(string? value) =>
        !string.IsNullOrEmpty(value) && !value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase);

    public const string Unresolved = "is empty or an unresolved Key Vault reference (check the app's identity can read the vault's secrets)";
}
