using System.Text.Json.Nodes;

namespace Sandbox.BackOffice;

/// <summary>
/// What the back office received of the catalog: every accepted product version or deletion, by Idempotency-Key (a
/// key seen again is 409, nothing changed), and what a test needs to prove the flow's guarantees: an older version
/// accepted after a newer one of the same product, or anything after its deletion, is counted (it must stay 0).
/// Refusals come from rules by product id (<c>PUT /backoffice/_admin/products/rejections</c>).
/// </summary>
public sealed class ProductInbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Received> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Store, long ProductId), ProductState> _products = [];
    private readonly List<Rejection> _rejections = [];
    private List<(string? Store, HashSet<long> Ids, int Status, string Reason)> _rules = [];
    private int _duplicates;
    private int _olderAfterNewer;
    private int _afterDeletion;

    public enum Outcome { Accepted, Duplicate, Rejected }

    public sealed record Received(string Key, string StoreHash, long ProductId, DateTimeOffset Version, bool Deleted, DateTimeOffset At, string Body);

    public sealed record Rejection(string Key, string StoreHash, long ProductId, int Status, string Reason);

    private sealed class ProductState
    {
        public List<Received> Deliveries { get; } = [];
        public DateTimeOffset? Newest { get; set; }
        public bool Deleted { get; set; }
    }

    public (Outcome Outcome, Rejection? Rejection) Receive(string key, string storeHash, long productId, DateTimeOffset version, bool deleted, string body)
    {
        lock (_gate)
        {
            if (_byKey.ContainsKey(key))
            {
                _duplicates++;
                return (Outcome.Duplicate, null);
            }

            var rule = _rules.FirstOrDefault(r => (r.Store is null || r.Store == storeHash) && r.Ids.Contains(productId));
            if (rule.Ids is not null)
            {
                var rejection = new Rejection(key, storeHash, productId, rule.Status, rule.Reason);
                _rejections.Add(rejection);
                return (Outcome.Rejected, rejection);
            }

            var received = new Received(key, storeHash, productId, version, deleted, DateTimeOffset.UtcNow, body);
            _byKey[key] = received;
            if (!_products.TryGetValue((storeHash, productId), out var state))
            {
                _products[(storeHash, productId)] = state = new ProductState();
            }

            if (state.Deleted)
            {
                _afterDeletion++;
            }
            else if (!deleted && version < state.Newest)
            {
                _olderAfterNewer++;
            }

            state.Deliveries.Add(received);
            state.Deleted |= deleted;
            if (!deleted && (state.Newest is null || version > state.Newest))
            {
                state.Newest = version;
            }

            return (Outcome.Accepted, null);
        }
    }

    public void SetRule(string? storeHash, IEnumerable<long> productIds, int status, string reason)
    {
        lock (_gate)
        {
            _rules = [.. _rules, (storeHash, productIds.ToHashSet(), status, reason)];
        }
    }

    public void ClearRules()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    public JsonObject View(string? storeHash)
    {
        lock (_gate)
        {
            var products = _products.Where(p => storeHash is null || p.Key.Store == storeHash).OrderBy(p => p.Key.ProductId).ToList();
            return new JsonObject
            {
                ["accepted"] = products.Sum(p => p.Value.Deliveries.Count),
                ["duplicates"] = _duplicates,
                ["olderAfterNewer"] = _olderAfterNewer,
                ["afterDeletion"] = _afterDeletion,
                ["products"] = new JsonArray([.. products.Select(p => (JsonNode)new JsonObject
                {
                    ["productId"] = p.Key.ProductId,
                    ["deliveries"] = p.Value.Deliveries.Count,
                    ["newestVersion"] = p.Value.Newest,
                    ["deleted"] = p.Value.Deleted,
                    ["keys"] = new JsonArray([.. p.Value.Deliveries.Select(d => (JsonNode)JsonValue.Create(d.Key)!)]),
                    ["lastBody"] = JsonNode.Parse(p.Value.Deliveries[^1].Body),
                })]),
                ["rejections"] = new JsonArray([.. _rejections.Where(r => storeHash is null || r.StoreHash == storeHash)
                    .Select(r => (JsonNode)new JsonObject { ["key"] = r.Key, ["productId"] = r.ProductId, ["status"] = r.Status, ["reason"] = r.Reason })]),
            };
        }
    }
}
