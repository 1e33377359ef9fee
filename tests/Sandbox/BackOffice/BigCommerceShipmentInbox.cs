using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>
/// The shipments made in BigCommerce that the back office received (<c>POST /backoffice/bigcommerce-shipments</c>), keyed
/// by Idempotency-Key, so a test can assert "each BigCommerce shipment received once" and see duplicates, rejections and
/// the bodies. One lock: the duplicate check and the insert are atomic when retries race.
/// </summary>
public sealed class BigCommerceShipmentInbox(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<Entry> _received = [];
    private readonly List<Rejection> _rejections = [];
    private readonly InboxCounters _counters = new();

    public enum Outcome { Accepted, Duplicate, Rejected }

    /// <param name="Body">The body of the first accepted attempt, as JSON.</param>
    public sealed record Received(
        string Key, string StoreHash, long OrderId, long ShipmentId, int Attempts, bool SameBodyOnEveryAttempt,
        DateTimeOffset FirstReceivedAt, DateTimeOffset LastAttemptAt, string? CorrelationId, JsonNode? Body);

    public sealed record Rejection(string Key, string StoreHash, long OrderId, long ShipmentId, int Status, string Reason, DateTimeOffset At);

    public sealed record Summary(
        long Accepted, long DuplicateAttempts, long Rejected, long InvalidSignature, long InvalidRequests,
        IReadOnlyList<Received> Shipments, IReadOnlyList<Rejection> Rejections);

    /// <summary>
    /// A valid, signed shipment. Known key → duplicate; a rejection rule for its order → rejected and not recorded as
    /// received (the same key is accepted once the rule is lifted); otherwise accepted.
    /// </summary>
    public (Outcome Outcome, RejectionRules.Match? Rejection) Receive(
        string key, string storeHash, long orderId, long shipmentId, string body, string? correlationId, RejectionRules rules)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var counters = _counters.For(storeHash);
            if (_received.Find(e => e.Key == key) is { } existing)
            {
                existing.Attempts++;
                existing.LastAttemptAt = now;
                existing.SameBody &= string.Equals(existing.Body, body, StringComparison.Ordinal);
                counters.DuplicateAttempts++;
                return (Outcome.Duplicate, null);
            }

            if (rules.Find(storeHash, orderId) is { } rejection)
            {
                counters.Rejected++;
                _rejections.Add(new Rejection(key, storeHash, orderId, shipmentId, rejection.Status, rejection.Reason, now));
                return (Outcome.Rejected, rejection);
            }

            _received.Add(new Entry(key, storeHash, orderId, shipmentId, body, correlationId, now));
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
    public Summary Summarize(string? storeHash)
    {
        lock (_gate)
        {
            var counters = _counters.Total(storeHash);
            return new Summary(
                counters.Accepted,
                counters.DuplicateAttempts,
                counters.Rejected,
                counters.InvalidSignature,
                counters.InvalidRequests,
                _received.Where(e => storeHash is null || e.StoreHash == storeHash).Select(e => e.ToRecord()).ToList(),
                _rejections.Where(r => storeHash is null || r.StoreHash == storeHash).ToList());
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _received.Clear();
            _rejections.Clear();
            _counters.Clear();
        }
    }

    private sealed class Entry(string key, string storeHash, long orderId, long shipmentId, string body, string? correlationId, DateTimeOffset receivedAt)
    {
        public string Key { get; } = key;
        public string StoreHash { get; } = storeHash;
        public string Body { get; } = body;
        public DateTimeOffset FirstReceivedAt { get; } = receivedAt;
        public DateTimeOffset LastAttemptAt { get; set; } = receivedAt;
        public int Attempts { get; set; } = 1;
        public bool SameBody { get; set; } = true;

        public Received ToRecord() =>
            new(Key, StoreHash, orderId, shipmentId, Attempts, SameBody, FirstReceivedAt, LastAttemptAt, correlationId, JsonNode.Parse(Body));
    }
}
