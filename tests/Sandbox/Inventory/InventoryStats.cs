namespace Sandbox.Inventory;

/// <summary>What the inventory API was asked to do, for tests and the benchmark.</summary>
public sealed class InventoryStats
{
    private long _adjustmentRequests;
    private long _adjustmentsApplied;
    private long _adjustmentsRejected;
    private long _itemsWritten;

    public void CountApplied(int items)
    {
        Interlocked.Increment(ref _adjustmentRequests);
        Interlocked.Increment(ref _adjustmentsApplied);
        Interlocked.Add(ref _itemsWritten, items);
    }

    public void CountRejected()
    {
        Interlocked.Increment(ref _adjustmentRequests);
        Interlocked.Increment(ref _adjustmentsRejected);
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _adjustmentRequests, 0);
        Interlocked.Exchange(ref _adjustmentsApplied, 0);
        Interlocked.Exchange(ref _adjustmentsRejected, 0);
        Interlocked.Exchange(ref _itemsWritten, 0);
    }

    public (long Requests, long Applied, long Rejected, long ItemsWritten) Snapshot() =>
        (Interlocked.Read(ref _adjustmentRequests), Interlocked.Read(ref _adjustmentsApplied),
         Interlocked.Read(ref _adjustmentsRejected), Interlocked.Read(ref _itemsWritten));
}
