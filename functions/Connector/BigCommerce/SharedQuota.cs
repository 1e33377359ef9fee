using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Connector.Storage;
using Microsoft.Extensions.Options;

namespace Connector.BigCommerce;

/// <summary>
/// Every instance of the connector spends one quota per store: requests are claimed from the store's
/// <see cref="QuotaWindow"/>, kept in the <c>QuotaWindows</c> table, a few at a time (one claim, one read and one write,
/// covers up to <see cref="MaxClaim"/> requests), and what BigCommerce's answers said about the quota travels with the
/// next claim. A process keeps what it claimed until the window ends; a 429 drops it at once. The per-process
/// <see cref="StoreQuotaGate"/> still paces the process itself; this bounds the sum over all of them.
/// </summary>
public sealed class SharedQuota(ConnectorStorage storage, TimeProvider clock, IOptions<BigCommerceOptions> options) : IDisposable
{
    public const int MaxClaim = 10;
    public const string RowKey = "window";
    private const int MaxPendingObservations = 32;

    private readonly ConcurrentDictionary<string, Allowance> allowances = new(StringComparer.Ordinal);

    public async ValueTask AcquireAsync(string storeHash, CancellationToken cancellationToken)
    {
        if (!options.Value.ShareQuotaAcrossInstances)
        {
            return;
        }

        var allowance = allowances.GetOrAdd(storeHash, _ => new Allowance());
        Interlocked.Increment(ref allowance.Waiting);
        try
        {
            while (true)
            {
                if (allowance.TryTake(clock.GetUtcNow()))
                {
                    return;
                }

                DateTimeOffset? retryAt;
                await allowance.Claiming.WaitAsync(cancellationToken);
                try
                {
                    // Another waiter of this process may have claimed while this one queued for the claim.
                    if (allowance.TryTake(clock.GetUtcNow()))
                    {
                        return;
                    }

                    var grant = await ClaimAsync(storeHash, Math.Clamp(Volatile.Read(ref allowance.Waiting), 1, MaxClaim), allowance.TakeObservations(), cancellationToken);
                    allowance.Add(grant);
                    if (allowance.TryTake(clock.GetUtcNow()))
                    {
                        return;
                    }

                    retryAt = grant.RetryAt;
                }
                finally
                {
                    allowance.Claiming.Release();
                }

                // Staggered, so the instances waiting for a new window do not all claim at the same moment.
                var wait = (retryAt ?? clock.GetUtcNow() + QuotaWindow.ProbeInterval) - clock.GetUtcNow() + TimeSpan.FromMilliseconds(Random.Shared.Next(10, 60));
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref allowance.Waiting);
        }
    }

    /// <summary>What an answer said about the quota, for the next claim; a 429 also ends this process's allowance.</summary>
    public void Observe(string storeHash, RateLimitHeaders? headers, bool rateLimited)
    {
        if (!options.Value.ShareQuotaAcrossInstances || (headers?.RequestsLeft is null && !rateLimited) || !allowances.TryGetValue(storeHash, out var allowance))
        {
            return;
        }

        allowance.Note(new QuotaObservation(clock.GetUtcNow(), headers?.RequestsLeft, headers?.RequestsQuota, headers?.TimeToReset, rateLimited, headers?.Window));
    }

    private async Task<QuotaGrant> ClaimAsync(string storeHash, int wanted, IReadOnlyList<QuotaObservation> observations, CancellationToken cancellationToken)
    {
        QuotaGrant? grant = null;
        var reserve = options.Value.QuotaReserve;
        await OptimisticUpdate.ApplyAsync<QuotaWindowRow>(storage.Table(TableNames.QuotaWindows), storeHash, RowKey, row =>
        {
            var now = clock.GetUtcNow();
            var (window, granted) = (row?.ToWindow() ?? QuotaWindow.Opening(now, quota: null)).Claim(now, wanted, reserve, observations);
            grant = granted;
            return QuotaWindowRow.From(window, row?.ETag ?? default);
        }, cancellationToken);
        return grant!;
    }

    public void Dispose()
    {
        foreach (var allowance in allowances.Values)
        {
            allowance.Dispose();
        }
    }

    private sealed class Allowance : IDisposable
    {
        private readonly Lock sync = new();
        private readonly List<QuotaObservation> pending = [];
        private int tokens;
        private DateTimeOffset validUntil;

        public readonly SemaphoreSlim Claiming = new(1, 1);
        public int Waiting;

        public bool TryTake(DateTimeOffset now)
        {
            lock (sync)
            {
                if (tokens <= 0 || now >= validUntil)
                {
                    return false;
                }

                tokens--;
                return true;
            }
        }

        public void Add(QuotaGrant grant)
        {
            lock (sync)
            {
                tokens = grant.Granted;
                validUntil = grant.ValidUntil;
            }
        }

        public void Note(QuotaObservation observation)
        {
            lock (sync)
            {
                if (observation.RateLimited)
                {
                    tokens = 0;
                }

                pending.Add(observation);
                if (pending.Count > MaxPendingObservations)
                {
                    // The smallest "left" is what counts; of the rest, the newest.
                    var keep = pending.OrderByDescending(o => o.RateLimited).ThenBy(o => o.Left ?? int.MaxValue).Take(1)
                        .Concat(pending.OrderByDescending(o => o.SeenAt).Take(MaxPendingObservations / 2)).Distinct().ToList();
                    pending.Clear();
                    pending.AddRange(keep);
                }
            }
        }

        public void Dispose() => Claiming.Dispose();

        public IReadOnlyList<QuotaObservation> TakeObservations()
        {
            lock (sync)
            {
                var taken = pending.ToList();
                pending.Clear();
                return taken;
            }
        }
    }
}

/// <summary>A store's shared <see cref="QuotaWindow"/> in the QuotaWindows table (partition = store hash, row <c>window</c>).</summary>
public sealed class QuotaWindowRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public bool EndKnown { get; set; }
    public int? Quota { get; set; }
    public int Granted { get; set; }
    public int? Left { get; set; }
    public int GrantedAtLeft { get; set; }
    public long? LengthMs { get; set; }
    public bool Closed { get; set; }

    public QuotaWindow ToWindow() =>
        new(StartedAt, EndsAt, EndKnown, Quota, Granted, Left, GrantedAtLeft, LengthMs is long ms ? TimeSpan.FromMilliseconds(ms) : null, Closed);

    public static QuotaWindowRow From(QuotaWindow window, ETag etag) => new()
    {
        StartedAt = window.StartedAt,
        EndsAt = window.EndsAt,
        EndKnown = window.EndKnown,
        Quota = window.Quota,
        Granted = window.Granted,
        Left = window.Left,
        GrantedAtLeft = window.GrantedAtLeft,
        LengthMs = window.Length is TimeSpan length ? (long)length.TotalMilliseconds : null,
        Closed = window.Closed,
        ETag = etag,
    };
}
