using System.Collections.Concurrent;
using Connector.Installations;

namespace Connector.Webhooks;

/// <summary>
/// The installations the webhook endpoint has looked up in the last few seconds, so a burst of callbacks costs one table
/// read per store, not one per callback. Only known stores are kept (at most one entry per installation). A status change
/// shows here within <see cref="Lifetime"/>; the queue checks the store again before any work, so nothing acts on a stale view.
/// </summary>
public sealed class WebhookStoreCache(InstallationRegistry registry, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (InstallationRecord Record, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);

    public async Task<InstallationRecord?> FindAsync(string storeHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(storeHash, out var entry) && entry.Until > now)
        {
            return entry.Record;
        }

        var record = await registry.FindAsync(storeHash, cancellationToken);
        if (record is null)
        {
            entries.TryRemove(storeHash, out _);
            return null;
        }

        entries[storeHash] = (record, now + Lifetime);
        return record;
    }
}
