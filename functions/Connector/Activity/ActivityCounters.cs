using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Logging;

namespace Connector.Activity;

/// <summary>What the page counts per store and hour.</summary>
public enum ActivityKind
{
    OrderDelivered,
    OrderRejected,
    OrderAttemptFailed,
    SkuWritten,
    SkuRefused,
    SkuAttemptFailed,
}

public sealed class ActivityCountsRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public long OrderDelivered { get; set; }
    public long OrderRejected { get; set; }
    public long OrderAttemptFailed { get; set; }
    public long SkuWritten { get; set; }
    public long SkuRefused { get; set; }
    public long SkuAttemptFailed { get; set; }

    public void Add(ActivityKind kind, long count)
    {
        switch (kind)
        {
            case ActivityKind.OrderDelivered: OrderDelivered += count; break;
            case ActivityKind.OrderRejected: OrderRejected += count; break;
            case ActivityKind.OrderAttemptFailed: OrderAttemptFailed += count; break;
            case ActivityKind.SkuWritten: SkuWritten += count; break;
            case ActivityKind.SkuRefused: SkuRefused += count; break;
            case ActivityKind.SkuAttemptFailed: SkuAttemptFailed += count; break;
        }
    }
}

/// <summary>A store's counts over some hours, as the page shows them.</summary>
public sealed record ActivityTotals(long OrdersDelivered, long OrdersRejected, long OrderAttemptsFailed, long SkusWritten, long SkusRefused, long SkuAttemptsFailed);

/// <summary>
/// Kept counts of what each flow did, per store and hour, so the page can say "the last 24 hours in numbers" by reading
/// at most 25 rows per instance instead of counting ledgers. The ActivityCounts table: partition = store hash, row =
/// <c>{yyyyMMddHH}-{instance}</c>. Each process writes only its own rows (no contention with other instances) and adds
/// up its counts in memory for <see cref="FlushDelay"/> before one write per store and hour: counting costs the flows
/// nothing on their way, and a process that dies loses at most that moment's counts (the numbers are for a person, not
/// for accounting; the ledgers stay the truth). A failed write is logged and its counts kept for the next flush.
/// </summary>
public sealed class ActivityCounters(ConnectorStorage storage, TimeProvider clock, ILogger<ActivityCounters> logger) : IAsyncDisposable
{
    public static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(2);

    /// <summary>This process's share of the rows.</summary>
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentDictionary<(string Store, string Hour, ActivityKind Kind), long> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private int _scheduled;

    private TableClient Table => storage.Table(TableNames.ActivityCounts);

    public void Count(string storeHash, ActivityKind kind, long count = 1)
    {
        _pending.AddOrUpdate((storeHash, Hour(clock.GetUtcNow()), kind), count, (_, n) => n + count);
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(FlushDelay); // real time: a test's frozen clock must not hold counts back
                Interlocked.Exchange(ref _scheduled, 0);
                await FlushAsync(CancellationToken.None);
            });
        }
    }

    /// <summary>Writes what was counted since the last flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var taken = new List<((string Store, string Hour, ActivityKind Kind) Key, long Count)>();
            foreach (var key in _pending.Keys)
            {
                if (_pending.TryRemove(key, out var count))
                {
                    taken.Add((key, count));
                }
            }

            foreach (var row in taken.GroupBy(t => (t.Key.Store, t.Key.Hour)))
            {
                try
                {
                    await OptimisticUpdate.ApplyAsync<ActivityCountsRow>(Table, row.Key.Store, $"{row.Key.Hour}-{_instance}", current =>
                    {
                        var counts = current ?? new ActivityCountsRow();
                        foreach (var (key, count) in row)
                        {
                            counts.Add(key.Kind, count);
                        }

                        return counts;
                    }, cancellationToken);
                }
                catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException)
                {
                    foreach (var (key, count) in row)
                    {
                        _pending.AddOrUpdate(key, count, (_, n) => n + count);
                    }

                    logger.LogWarning(ex, "Activity counts of store {StoreHash} not written; kept for the next flush", row.Key.Store);
                }
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    /// <summary>The store's counts over the last <paramref name="hours"/> whole hours and the current one.</summary>
    public async Task<ActivityTotals> TotalsAsync(string storeHash, int hours, CancellationToken cancellationToken)
    {
        var from = Hour(clock.GetUtcNow().AddHours(-hours));
        long delivered = 0, rejected = 0, failed = 0, written = 0, refused = 0, skuFailed = 0;
        await foreach (var row in Table.QueryAsync<ActivityCountsRow>(r => r.PartitionKey == storeHash && r.RowKey.CompareTo(from) >= 0,
            cancellationToken: cancellationToken))
        {
            delivered += row.OrderDelivered;
            rejected += row.OrderRejected;
            failed += row.OrderAttemptFailed;
            written += row.SkuWritten;
            refused += row.SkuRefused;
            skuFailed += row.SkuAttemptFailed;
        }

        return new ActivityTotals(delivered, rejected, failed, written, refused, skuFailed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Activity counts not written at shutdown");
        }
    }

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
