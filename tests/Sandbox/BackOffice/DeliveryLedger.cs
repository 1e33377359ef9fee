namespace Sandbox.BackOffice;

/// <summary>
/// Everything the back office received, keyed by Idempotency-Key, so a test can assert
/// "each order version delivered exactly once" and see duplicates, rejections and the bodies.
/// One lock: the duplicate check and the insert must be atomic when retries race.
/// </summary>
public sealed class DeliveryLedger(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DeliveryEntry> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Store, long Order), OrderEntry> _orders = [];
    private readonly List<Rejection> _rejections = [];
    private readonly InboxCounters _counters = new();

    public enum Outcome { Accepted, Duplicate, Rejected }

    public sealed record Delivery(
        string Key,
        string StoreHash,
        long OrderId,
        DateTimeOffset ModifiedAt,
        int Attempts,
        bool SameBodyOnEveryAttempt,
        DateTimeOffset FirstReceivedAt,
        DateTimeOffset LastAttemptAt,
        string? CorrelationId);

    public sealed record Rejection(string Key, string StoreHash, long OrderId, DateTimeOffset ModifiedAt, int Status, string Reason, DateTimeOffset At);

    public sealed record OrderSummary(string StoreHash, long OrderId, int Deliveries, int Versions, DateTimeOffset LastModifiedAt);

    public sealed record Summary(
        long Accepted,
        long DuplicateAttempts,
        long Rejected,
        long InvalidSignature,
        long InvalidRequests,
        long DuplicatesWithDifferentBody,
        int OrdersDeliveredMoreThanOnceWithDifferentKeysForSameVersion,
        IReadOnlyList<Delivery> Deliveries,
        IReadOnlyList<OrderSummary> Orders,
        IReadOnlyList<Rejection> Rejections,
        IReadOnlyDictionary<string, long> InjectedFaults)
    {
        /// <summary>The shipments feed's reads and pushes (<see cref="ShipmentFeed"/>), filled in by <see cref="SandboxState.BackOfficeSummary"/>.</summary>
        public ShipmentFeed.Stats? Shipments { get; init; }
    }

    public sealed record Version(string Key, DateTimeOffset ModifiedAt, DateTimeOffset ReceivedAt, int Attempts);

    /// <param name="Last">The raw JSON body of the last accepted version (by arrival).</param>
    public sealed record OrderView(string StoreHash, long OrderId, string Last, IReadOnlyList<Version> Versions);

    /// <summary>
    /// A valid, signed order. Known key → duplicate (not a second delivery); matching rejection
    /// rule → rejected and not recorded as received, so the same key may be accepted once the
    /// rule is lifted; otherwise accepted.
    /// </summary>
    public (Outcome Outcome, RejectionRules.Match? Rejection) Receive(
        string key, string storeHash, long orderId, DateTimeOffset modifiedAt, string body, string? correlationId, RejectionRules rules)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var counters = _counters.For(storeHash);
            if (_byKey.TryGetValue(key, out var existing))
            {
                existing.Attempts++;
                existing.LastAttemptAt = now;
                if (!string.Equals(existing.Body, body, StringComparison.Ordinal))
                {
                    existing.SameBody = false;
                    counters.DuplicatesWithDifferentBody++;
                }
                counters.DuplicateAttempts++;
                return (Outcome.Duplicate, null);
            }

            if (rules.Find(storeHash, orderId) is { } rejection)
            {
                counters.Rejected++;
                _rejections.Add(new Rejection(key, storeHash, orderId, modifiedAt, rejection.Status, rejection.Reason, now));
                return (Outcome.Rejected, rejection);
            }

            var entry = new DeliveryEntry(key, storeHash, orderId, modifiedAt, body, correlationId, now);
            _byKey.Add(key, entry);
            if (!_orders.TryGetValue((storeHash, orderId), out var order))
            {
                order = new OrderEntry();
                _orders.Add((storeHash, orderId), order);
            }
            order.Deliveries.Add(entry);
            counters.Accepted++;
            return (Outcome.Accepted, null);
        }
    }

    /// <param name="storeHash">The X-Store-Hash presented, or "" when there was none.</param>
    public void CountInvalidSignature(string storeHash)
    {
        lock (_gate)
        {
            _counters.For(storeHash).InvalidSignature++;
        }
    }

    public void CountInvalidRequest(string storeHash)
    {
        lock (_gate)
        {
            _counters.For(storeHash).InvalidRequests++;
        }
    }

    /// <param name="storeHash">Only this store; null = everything.</param>
    public Summary Summarize(string? storeHash, IReadOnlyDictionary<string, long> injectedFaults)
    {
        lock (_gate)
        {
            var counters = _counters.Total(storeHash);
            var orders = _orders.Where(o => storeHash is null || o.Key.Store == storeHash)
                .OrderBy(o => o.Key.Store, StringComparer.Ordinal).ThenBy(o => o.Key.Order)
                .ToList();

            return new Summary(
                counters.Accepted,
                counters.DuplicateAttempts,
                counters.Rejected,
                counters.InvalidSignature,
                counters.InvalidRequests,
                counters.DuplicatesWithDifferentBody,
                orders.Count(o => o.Value.Deliveries.GroupBy(d => d.ModifiedAt).Any(g => g.Count() > 1)),
                orders.SelectMany(o => o.Value.Deliveries).Select(d => d.ToRecord()).ToList(),
                orders.Select(o => new OrderSummary(
                    o.Key.Store,
                    o.Key.Order,
                    o.Value.Deliveries.Count,
                    o.Value.Deliveries.Select(d => d.ModifiedAt).Distinct().Count(),
                    o.Value.Deliveries.Max(d => d.ModifiedAt))).ToList(),
                _rejections.Where(r => storeHash is null || r.StoreHash == storeHash).ToList(),
                injectedFaults);
        }
    }

    public OrderView? Order(string storeHash, long orderId)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue((storeHash, orderId), out var order))
            {
                return null;
            }
            return new OrderView(
                storeHash,
                orderId,
                order.Deliveries[^1].Body,
                order.Deliveries.Select(d => new Version(d.Key, d.ModifiedAt, d.FirstReceivedAt, d.Attempts)).ToList());
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _byKey.Clear();
            _orders.Clear();
            _rejections.Clear();
            _counters.Clear();
        }
    }

    private sealed class OrderEntry
    {
        public List<DeliveryEntry> Deliveries { get; } = [];
    }

    private sealed class DeliveryEntry(string key, string storeHash, long orderId, DateTimeOffset modifiedAt, string body, string? correlationId, DateTimeOffset receivedAt)
    {
        public string Key { get; } = key;
        public DateTimeOffset ModifiedAt { get; } = modifiedAt;
        public string Body { get; } = body;
        public DateTimeOffset FirstReceivedAt { get; } = receivedAt;
        public DateTimeOffset LastAttemptAt { get; set; } = receivedAt;
        public int Attempts { get; set; } = 1;
        public bool SameBody { get; set; } = true;

        public Delivery ToRecord() => new(Key, storeHash, orderId, ModifiedAt, Attempts, SameBody, FirstReceivedAt, LastAttemptAt, correlationId);
    }
}
