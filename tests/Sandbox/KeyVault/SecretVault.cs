using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Sandbox.KeyVault;

/// <summary>
/// The secrets of the Key Vault stand-in, with soft delete: a deleted name keeps its versions
/// under /deletedsecrets until recovered or purged, and can't be set meanwhile. Names are
/// case-insensitive, as in Key Vault. Everything returned is an immutable snapshot.
/// </summary>
public sealed class SecretVault(TimeProvider clock, IOptions<SandboxOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly KeyVaultOptions _options = options.Value.KeyVault;

    public enum SetOutcome { Set, DeletedButRecoverable }

    public enum PurgeOutcome { Purged, NotFound, Forbidden }

    /// <summary>"Recoverable" with purge protection, "Recoverable+Purgeable" without: Key Vault's two soft-delete levels.</summary>
    public string RecoveryLevel => _options.PurgeProtection ? "Recoverable" : "Recoverable+Purgeable";

    public int RecoverableDays => _options.RetentionDays;

    public (SetOutcome Outcome, SecretVersion? Version) Set(
        string name, string value, string? contentType, IReadOnlyDictionary<string, string>? tags, bool enabled = true, long? notBefore = null, long? expires = null)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out var entry))
            {
                entry = new Entry(name);
                _entries[name] = entry;
            }
            if (entry.Deleted is not null)
            {
                return (SetOutcome.DeletedButRecoverable, null);
            }
            var version = new SecretVersion(
                entry.Name, Guid.NewGuid().ToString("N"), value, contentType,
                tags is null ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal),
                enabled, notBefore, expires, now, now);
            entry.Versions.Add(version);
            return (SetOutcome.Set, version);
        }
    }

    /// <summary>The latest version, or the named one, of a live secret; null if none.</summary>
    public SecretVersion? Get(string name, string? version = null)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out var entry) || entry.Deleted is not null || entry.Versions.Count == 0)
            {
                return null;
            }
            return version is null
                ? entry.Versions[^1]
                : entry.Versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Every version of a live secret, oldest first; null if there is no such secret.</summary>
    public IReadOnlyList<SecretVersion>? Versions(string name)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(name, out var entry) && entry.Deleted is null ? [.. entry.Versions] : null;
        }
    }

    /// <summary>The latest version of every live secret, by name.</summary>
    public IReadOnlyList<SecretVersion> ListLatest()
    {
        lock (_gate)
        {
            return _entries.Values.Where(e => e.Deleted is null && e.Versions.Count > 0)
                .Select(e => e.Versions[^1]).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    public DeletedSecret? Delete(string name)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out var entry) || entry.Deleted is not null || entry.Versions.Count == 0)
            {
                return null;
            }
            entry.Deleted = new DeletedSecret(entry.Versions[^1], now.ToUnixTimeSeconds(), now.AddDays(_options.RetentionDays).ToUnixTimeSeconds());
            return entry.Deleted;
        }
    }

    public DeletedSecret? GetDeleted(string name)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(name, out var entry) ? entry.Deleted : null;
        }
    }

    public IReadOnlyList<DeletedSecret> ListDeleted()
    {
        lock (_gate)
        {
            return _entries.Values.Where(e => e.Deleted is not null).Select(e => e.Deleted!)
                .OrderBy(d => d.Latest.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <summary>Brings a deleted secret back with all its versions; returns its latest version.</summary>
    public SecretVersion? Recover(string name)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out var entry) || entry.Deleted is null)
            {
                return null;
            }
            entry.Deleted = null;
            return entry.Versions[^1];
        }
    }

    public PurgeOutcome Purge(string name)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(name, out var entry) || entry.Deleted is null)
            {
                return PurgeOutcome.NotFound;
            }
            if (_options.PurgeProtection)
            {
                return PurgeOutcome.Forbidden;
            }
            _entries.Remove(name);
            return PurgeOutcome.Purged;
        }
    }

    /// <summary>Admin only: gone at once, live or deleted, whatever the purge protection.</summary>
    public bool Remove(string name)
    {
        lock (_gate)
        {
            return _entries.Remove(name);
        }
    }

    /// <summary>The latest value of a live or deleted secret; admin only.</summary>
    public string? LatestValue(string name)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(name, out var entry) && entry.Versions.Count > 0 ? entry.Versions[^1].Value : null;
        }
    }

    public IReadOnlyList<SecretSummary> Summaries()
    {
        lock (_gate)
        {
            return _entries.Values.Where(e => e.Versions.Count > 0)
                .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
                .Select(e =>
                {
                    var latest = e.Versions[^1];
                    return new SecretSummary(e.Name, e.Deleted is not null, latest.Tags, e.Versions.Count, Sha256(latest.Value),
                        latest.ContentType, latest.Enabled, e.Deleted?.DeletedDate);
                })
                .ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 value: lets a test recognise a token without printing it.</summary>
    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private sealed class Entry(string name)
    {
        public string Name { get; } = name;
        public List<SecretVersion> Versions { get; } = [];
        public DeletedSecret? Deleted { get; set; }
    }
}
