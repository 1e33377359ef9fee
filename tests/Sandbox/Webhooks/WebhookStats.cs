namespace Sandbox.Webhooks;

/// <summary>Counters over all stores since start or the last reset.</summary>
public sealed class WebhookStats
{
    private long _events;
    private long _deliveries;
    private long _attempts;
    private long _succeeded;
    private long _failed;
    private long _retriesScheduled;
    private long _deactivated;
    private long _deliveryExceptions;
    private long _duplicatesSent;
    private long _dropped;
    private long _inFlight;

    public void Event() => Interlocked.Increment(ref _events);
    public void Delivery() => Interlocked.Increment(ref _deliveries);
    public void Attempt(bool succeeded, bool duplicate)
    {
        Interlocked.Increment(ref _attempts);
        if (succeeded)
        {
            Interlocked.Increment(ref _succeeded);
        }
        else
        {
            Interlocked.Increment(ref _failed);
        }
        if (duplicate)
        {
            Interlocked.Increment(ref _duplicatesSent);
        }
    }
    public void RetryScheduled() => Interlocked.Increment(ref _retriesScheduled);
    public void Deactivated() => Interlocked.Increment(ref _deactivated);
    public void DeliveryException() => Interlocked.Increment(ref _deliveryExceptions);
    public void Dropped() => Interlocked.Increment(ref _dropped);
    public void Enter() => Interlocked.Increment(ref _inFlight);
    public void Leave() => Interlocked.Decrement(ref _inFlight);

    /// <param name="Deliveries">Event × subscribed hook.</param>
    /// <param name="Dropped">Deliveries abandoned because the hook was deleted or deactivated before an attempt.</param>
    /// <param name="Pending">Deliveries not finished: queued, in flight or waiting for a retry.</param>
    public sealed record Snapshot(long Events, long Deliveries, long Attempts, long Succeeded, long Failed, long RetriesScheduled,
        long Deactivated, long DeliveryExceptions, long DuplicatesSent, long Dropped, long Pending);

    public Snapshot Read() => new(
        Interlocked.Read(ref _events), Interlocked.Read(ref _deliveries), Interlocked.Read(ref _attempts),
        Interlocked.Read(ref _succeeded), Interlocked.Read(ref _failed), Interlocked.Read(ref _retriesScheduled),
        Interlocked.Read(ref _deactivated), Interlocked.Read(ref _deliveryExceptions), Interlocked.Read(ref _duplicatesSent),
        Interlocked.Read(ref _dropped), Interlocked.Read(ref _inFlight));

    public void Reset()
    {
        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _deliveries, 0);
        Interlocked.Exchange(ref _attempts, 0);
        Interlocked.Exchange(ref _succeeded, 0);
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _retriesScheduled, 0);
        Interlocked.Exchange(ref _deactivated, 0);
        Interlocked.Exchange(ref _deliveryExceptions, 0);
        Interlocked.Exchange(ref _duplicatesSent, 0);
        Interlocked.Exchange(ref _dropped, 0);
    }
}
