namespace Sandbox.KeyVault;

/// <summary>Requests to the Key Vault stand-in per route (GET /_admin/keyvault/stats).</summary>
public sealed class KeyVaultStats() : RequestStats(KeyVaultEndpointNames.All);
