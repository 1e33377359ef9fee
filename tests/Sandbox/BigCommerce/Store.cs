namespace Sandbox.BigCommerce;

/// <summary>
/// One BigCommerce store: its token, quota, orders and counters. Orders are immutable records
/// swapped under one lock; queries copy what they need under the lock and render outside it.
/// </summary>
public sealed partial class Store
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly OrderGenerator _generator;
    private readonly SortedDictionary<long, StoredOrder> _orders = [];
    private readonly Dictionary<long, OrderCorruption> _corruptions = [];
    private readonly Dictionary<long, DateTimeOffset> _placedAt = [];
    private long _nextOrderId = 100;
    private long _nextLineId = 1;
    private long _nextAddressId = 1;
    private volatile string _token;

    public Store(string hash, string token, int quota, int windowMs, TimeProvider clock)
    {
        Hash = hash;
        _token = token;
        _clock = clock;
        // Stable demo data per store hash across runs (string.GetHashCode is randomized per process).
        _generator = new OrderGenerator(hash.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
        RateLimiter = new RateLimiter(clock, quota, windowMs);
    }

    public string Hash { get; }

    /// <summary>The one X-Auth-Token the store's API accepts; a reinstall or an uninstall replaces it.</summary>
    public string Token => _token;

    /// <summary>Scopes the merchant did not grant (<see cref="ApiScopes"/>): endpoints needing one answer 403.</summary>
    public IReadOnlySet<string> DeniedScopes { get; private set; } = new HashSet<string>();

    public void DenyScopes(IEnumerable<string> scopes) => DeniedScopes = new HashSet<string>(scopes, StringComparer.Ordinal);

    public RateLimiter RateLimiter { get; }
    public StoreStats Stats { get; } = new();

    /// <summary>From now on only <paramref name="token"/> is accepted; the previous one gets 401.</summary>
    public void ReplaceToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _token = token;
    }

    public int OrderCount
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    /// <summary>A history of orders created over the past week, as a store that has been trading would have.</summary>
    public IReadOnlyList<long> Seed(int count)
    {
        var now = BigCommerceDates.TruncateToSeconds(_clock.GetUtcNow());
        var span = TimeSpan.FromDays(7);
        var ids = new List<long>(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var created = BigCommerceDates.TruncateToSeconds(now - span + (span * i / Math.Max(1, count)));
                var modified = created + _generator.NextJitter(TimeSpan.FromHours(3));
                if (modified > now)
                {
                    modified = now;
                }
                ids.Add(AddLocked(created, modified, _generator.SeedStatus(), null));
            }
        }
        return ids;
    }

    /// <summary>New orders placed now (or at <paramref name="createdAt"/>), in id order.</summary>
    public IReadOnlyList<long> CreateOrders(int count, int statusId, int? lineItems, DateTimeOffset? createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!OrderStatuses.IsKnown(statusId))
        {
            throw new ArgumentOutOfRangeException(nameof(statusId), statusId, "Unknown order status.");
        }
        if (lineItems is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(lineItems), lineItems, "An order needs at least one line.");
        }

        var placedAt = createdAt ?? _clock.GetUtcNow();
        var at = BigCommerceDates.TruncateToSeconds(placedAt);
        var ids = new List<long>(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var id = AddLocked(at, at, statusId, lineItems);
                _placedAt[id] = placedAt;
                ids.Add(id);
            }
        }
        return ids;
    }

    public StoredOrder? Find(long id)
    {
        lock (_gate)
        {
            return _orders.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Applies a change and bumps date_modified. The new date_modified is "now" at second
    /// resolution but always at least one second past the old one, so two versions of an order
    /// are always distinguishable by date_modified (and get distinct idempotency keys), even when
    /// a test modifies an order within the second it was created.
    /// </summary>
    public StoredOrder? Update(long id, Func<StoredOrder, StoredOrder> change) => Change(id, change)?.Updated;

    /// <summary>As <see cref="Update"/>, also answering the version it replaced (for webhooks: did the status move?).</summary>
    public (StoredOrder Previous, StoredOrder Updated)? Change(long id, Func<StoredOrder, StoredOrder> change)
    {
        lock (_gate)
        {
            return _orders.TryGetValue(id, out var current) ? ChangeLocked(current, change) : null;
        }
    }

    /// <summary>The body of <see cref="Change"/>, for callers already holding the lock (shipments check and change in one go).</summary>
    private (StoredOrder Previous, StoredOrder Updated) ChangeLocked(StoredOrder current, Func<StoredOrder, StoredOrder> change)
    {
        var now = BigCommerceDates.TruncateToSeconds(_clock.GetUtcNow());
        var modified = now > current.DateModified ? now : current.DateModified.AddSeconds(1);
        var updated = change(current) with { DateModified = modified };
        if (updated.StatusId == OrderStatuses.Shipped && current.StatusId != OrderStatuses.Shipped)
        {
            // Shipping everything is what "Shipped" means; keep items_shipped and date_shipped in step.
            updated = updated with
            {
                DateShipped = updated.DateShipped ?? modified,
                Lines = updated.Lines.Select(l => l with { QuantityShipped = l.Quantity }).ToList(),
            };
        }
        _orders[current.Id] = updated;
        return (current, updated);
    }

    /// <summary>
    /// When the order was placed, at the clock's full precision (date_created is whole seconds):
    /// for orders made through the admin API; seeded ones answer their date_created.
    /// </summary>
    public DateTimeOffset? PlacedAt(long id)
    {
        lock (_gate)
        {
            return _placedAt.TryGetValue(id, out var at) ? at : _orders.GetValueOrDefault(id)?.DateCreated;
        }
    }

    /// <summary>One page of matching orders, or an empty list past the last page.</summary>
    public IReadOnlyList<StoredOrder> Query(OrderQuery query)
    {
        lock (_gate)
        {
            return query.Order(_orders.Values.Where(query.Matches))
                .Skip((int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.Limit))
                .Take(query.Limit)
                .ToList();
        }
    }

    public OrderCorruption CorruptionOf(long id)
    {
        lock (_gate)
        {
            return _corruptions.GetValueOrDefault(id);
        }
    }

    /// <returns>False if the order doesn't exist.</returns>
    public bool SetCorruption(long id, OrderCorruption kind)
    {
        lock (_gate)
        {
            if (!_orders.ContainsKey(id))
            {
                return false;
            }
            if (kind == OrderCorruption.None)
            {
                _corruptions.Remove(id);
            }
            else
            {
                _corruptions[id] = kind;
            }
            return true;
        }
    }

    private long AddLocked(DateTimeOffset created, DateTimeOffset modified, int statusId, int? lineItems)
    {
        var id = _nextOrderId++;
        var order = _generator.Generate(id, _nextAddressId++, () => _nextLineId++, created, modified, statusId, lineItems);
        _orders.Add(id, order);
        return id;
    }
}
