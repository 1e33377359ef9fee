namespace Sandbox.Webhooks;

/// <summary>Every delivery attempt, in the order they finished.</summary>
public sealed class WebhookDeliveryLog
{
    private readonly Lock _gate = new();
    private readonly List<WebhookAttempt> _attempts = [];

    public void Add(WebhookAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }
    }

    public IReadOnlyList<WebhookAttempt> For(string? storeHash)
    {
        lock (_gate)
        {
            return storeHash is null ? _attempts.ToList() : _attempts.Where(a => a.StoreHash == storeHash).ToList();
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _attempts.Clear();
        }
    }
}
