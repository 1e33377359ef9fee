namespace Sandbox.KeyVault;

/// <summary>The names Key Vault requests are counted under in stats: method and route template.</summary>
public static class KeyVaultEndpointNames
{
    public const string SetSecret = "PUT /secrets/{name}";
    public const string GetSecret = "GET /secrets/{name}";
    public const string GetSecretVersion = "GET /secrets/{name}/{version}";
    public const string ListSecretVersions = "GET /secrets/{name}/versions";
    public const string ListSecrets = "GET /secrets";
    public const string DeleteSecret = "DELETE /secrets/{name}";
    public const string ListDeletedSecrets = "GET /deletedsecrets";
    public const string GetDeletedSecret = "GET /deletedsecrets/{name}";
    public const string RecoverDeletedSecret = "POST /deletedsecrets/{name}/recover";
    public const string PurgeDeletedSecret = "DELETE /deletedsecrets/{name}";

    public static IReadOnlyList<string> All { get; } =
    [
        SetSecret, GetSecret, GetSecretVersion, ListSecretVersions, ListSecrets, DeleteSecret,
        ListDeletedSecrets, GetDeletedSecret, RecoverDeletedSecret, PurgeDeletedSecret,
    ];
}
