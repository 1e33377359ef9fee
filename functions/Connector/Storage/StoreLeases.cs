using Azure;
using Azure.Data.Tables;

namespace Connector.Storage;

/// <summary>
/// One holder at a time across every instance, per store and purpose, in the Leases table (partition = store hash,
/// row = purpose): a lease is taken under the row's ETag, given back when the work ends, and lapses by itself after its
/// duration, so an instance that dies holding it delays the others by that much at most.
/// </summary>
public sealed class StoreLeases(ConnectorStorage storage, TimeProvider clock)
{
    /// <summary>How often a waiter looks again while someone else holds the lease.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until this holder has the lease; dispose the result to give it back.</summary>
    public async Task<IAsyncDisposable> AcquireAsync(string storeHash, string purpose, TimeSpan duration, CancellationToken cancellationToken)
    {
        var holder = Guid.NewGuid().ToString("N");
        var table = storage.Table(TableNames.Leases);
        while (true)
        {
            var taken = false;
            await OptimisticUpdate.ApplyAsync<LeaseRow>(table, storeHash, purpose, row =>
            {
                var now = clock.GetUtcNow();
                taken = row is null || row.ExpiresAt <= now;
                return taken ? new LeaseRow { Holder = holder, ExpiresAt = now + duration, ETag = row?.ETag ?? default } : null;
            }, cancellationToken);

            if (taken)
            {
                return new Held(this, storeHash, purpose, holder);
            }

            await Task.Delay(PollInterval + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 25)), clock, cancellationToken);
        }
    }

    private async Task ReleaseAsync(string storeHash, string purpose, string holder)
    {
        try
        {
            await OptimisticUpdate.ApplyAsync<LeaseRow>(storage.Table(TableNames.Leases), storeHash, purpose, row =>
                row is not null && row.Holder == holder ? new LeaseRow { Holder = "", ExpiresAt = DateTimeOffset.MinValue, ETag = row.ETag } : null,
                CancellationToken.None);
        }
        catch (Exception ex) when (StorageFaults.IsUnavailable(ex))
        {
            // Storage is down: the lease lapses by itself.
        }
    }

    private sealed class Held(StoreLeases leases, string storeHash, string purpose, string holder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await leases.ReleaseAsync(storeHash, purpose, holder);
    }
}

/// <summary>A lease: who holds it and until when (an empty holder or a time past: free).</summary>
public sealed class LeaseRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Holder { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
