namespace Sandbox.KeyVault;

/// <summary>One immutable version of a secret. Times are Unix seconds, as Key Vault writes them.</summary>
public sealed record SecretVersion(
    string Name,
    string Version,
    string Value,
    string? ContentType,
    IReadOnlyDictionary<string, string>? Tags,
    bool Enabled,
    long? NotBefore,
    long? Expires,
    long Created,
    long Updated);

/// <summary>A soft-deleted secret: its latest version and when it went.</summary>
public sealed record DeletedSecret(SecretVersion Latest, long DeletedDate, long ScheduledPurgeDate);

/// <summary>What the admin listing tells about a secret: never its value.</summary>
public sealed record SecretSummary(
    string Name,
    bool Deleted,
    IReadOnlyDictionary<string, string>? Tags,
    int Versions,
    string LastValueSha256,
    string? ContentType,
    bool Enabled,
    long? DeletedDate);
