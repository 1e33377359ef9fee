using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sandbox.KeyVault;

/// <summary>
/// Secrets as Key Vault's REST API writes them: camelCase, Unix-second dates, absent rather
/// than null for what a secret doesn't have (contentType, tags), ids built on the vault URL
/// the client used.
/// </summary>
public static class SecretJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = SandboxJson.Options.Encoder,
    };

    /// <summary>e.g. https://127.0.0.1:52342 — from the request, so ids match what the client called.</summary>
    public static string VaultBase(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    public static SecretBundle Bundle(string vault, SecretVersion v, SecretVault state, bool withValue) =>
        new(withValue ? v.Value : null, VersionId(vault, v), v.ContentType, Attributes(v, state), v.Tags);

    public static DeletedSecretBundle Deleted(string vault, DeletedSecret d, SecretVault state) =>
        new($"{vault}/deletedsecrets/{d.Latest.Name}", d.DeletedDate, d.ScheduledPurgeDate,
            VersionId(vault, d.Latest), d.Latest.ContentType, Attributes(d.Latest, state), d.Latest.Tags);

    /// <summary>A list entry: the id names the secret without a version.</summary>
    public static SecretItem Item(string vault, SecretVersion v, SecretVault state) =>
        new($"{vault}/secrets/{v.Name}", v.ContentType, Attributes(v, state), v.Tags);

    /// <summary>A versions-list entry: the id names the version.</summary>
    public static SecretItem VersionItem(string vault, SecretVersion v, SecretVault state) =>
        new(VersionId(vault, v), v.ContentType, Attributes(v, state), v.Tags);

    public static DeletedSecretItem DeletedItem(string vault, DeletedSecret d, SecretVault state) =>
        new($"{vault}/deletedsecrets/{d.Latest.Name}", d.DeletedDate, d.ScheduledPurgeDate,
            $"{vault}/secrets/{d.Latest.Name}", d.Latest.ContentType, Attributes(d.Latest, state), d.Latest.Tags);

    private static string VersionId(string vault, SecretVersion v) => $"{vault}/secrets/{v.Name}/{v.Version}";

    private static SecretAttributes Attributes(SecretVersion v, SecretVault state) =>
        new(v.Enabled, v.NotBefore, v.Expires, v.Created, v.Updated, state.RecoveryLevel, state.RecoverableDays);
}

public sealed record SecretAttributes(bool Enabled, long? Nbf, long? Exp, long Created, long Updated, string RecoveryLevel, int RecoverableDays);

public sealed record SecretBundle(string? Value, string Id, string? ContentType, SecretAttributes Attributes, IReadOnlyDictionary<string, string>? Tags);

public sealed record DeletedSecretBundle(
    string RecoveryId, long DeletedDate, long ScheduledPurgeDate, string Id, string? ContentType, SecretAttributes Attributes, IReadOnlyDictionary<string, string>? Tags);

public sealed record SecretItem(string Id, string? ContentType, SecretAttributes Attributes, IReadOnlyDictionary<string, string>? Tags);

public sealed record DeletedSecretItem(
    string RecoveryId, long DeletedDate, long ScheduledPurgeDate, string Id, string? ContentType, SecretAttributes Attributes, IReadOnlyDictionary<string, string>? Tags);

/// <summary>One page of a list: everything fits in one, so <c>nextLink</c> is always null (and written).</summary>
public sealed record SecretPage<T>(IReadOnlyList<T> Value, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextLink = null);

/// <summary>The body of PUT /secrets/{name}.</summary>
public sealed record SetSecretBody(string? Value, string? ContentType, Dictionary<string, string>? Tags, SetSecretAttributes? Attributes);

public sealed record SetSecretAttributes(bool? Enabled, long? Nbf, long? Exp);
