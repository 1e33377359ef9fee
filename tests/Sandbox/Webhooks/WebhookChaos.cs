namespace Sandbox.Webhooks;

/// <summary>
/// At-least-once, unordered delivery made visible on demand: the next N events (of one store, or of
/// any) are sent twice to each hook with the same webhook-id, or held until N have been raised and
/// then released newest first, as BigCommerce may do either.
/// </summary>
public sealed class WebhookChaos
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _duplicates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, List<WebhookEvent> Held)> _reorders = new(StringComparer.Ordinal);
    private const string AnyStore = "";

    public int DuplicateNext(string? storeHash, int count)
    {
        lock (_gate)
        {
            var key = storeHash ?? AnyStore;
            _duplicates[key] = Math.Max(0, count);
            return _duplicates[key];
        }
    }

    /// <summary>Holds the next <paramref name="count"/> events (0 releases what is held, newest first).</summary>
    public IReadOnlyList<WebhookEvent> ReorderNext(string? storeHash, int count)
    {
        lock (_gate)
        {
            var key = storeHash ?? AnyStore;
            var held = _reorders.TryGetValue(key, out var current) ? current.Held : [];
            if (count <= held.Count)
            {
                _reorders.Remove(key);
                return Enumerable.Reverse(held).ToList();
            }
            _reorders[key] = (count, held);
            return [];
        }
    }

    /// <summary>
    /// Null if the event is not held back; otherwise what to publish now: nothing while collecting,
    /// all held events newest first when the last one arrives.
    /// </summary>
    public IReadOnlyList<WebhookEvent>? Hold(WebhookEvent e)
    {
        lock (_gate)
        {
            foreach (var key in new[] { e.StoreHash, AnyStore })
            {
                if (_reorders.TryGetValue(key, out var reorder))
                {
                    reorder.Held.Add(e);
                    if (reorder.Held.Count < reorder.Count)
                    {
                        return [];
                    }
                    _reorders.Remove(key);
                    return Enumerable.Reverse(reorder.Held).ToList();
                }
            }
            return null;
        }
    }

    public IReadOnlyDictionary<string, int> Held()
    {
        lock (_gate)
        {
            return _reorders.ToDictionary(p => p.Key.Length == 0 ? "*" : p.Key, p => p.Value.Count - p.Value.Held.Count);
        }
    }

    public IReadOnlyDictionary<string, int> Pending()
    {
        lock (_gate)
        {
            return _duplicates.Where(p => p.Value > 0).ToDictionary(p => p.Key.Length == 0 ? "*" : p.Key, p => p.Value);
        }
    }

    /// <summary>True if this event is to be duplicated; spends one from the store's budget, else from the global one.</summary>
    public bool TakeDuplicate(string storeHash)
    {
        lock (_gate)
        {
            foreach (var key in new[] { storeHash, AnyStore })
            {
                if (_duplicates.TryGetValue(key, out var left) && left > 0)
                {
                    _duplicates[key] = left - 1;
                    return true;
                }
            }
            return false;
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _duplicates.Clear();
            _reorders.Clear();
        }
    }
}
