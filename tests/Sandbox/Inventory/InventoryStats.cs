namespace Sandbox.Inventory;

/// <summary>What the inventory API was asked to do, for tests and the benchmark.</summary>
public sealed class InventoryStats
{
    private long _adjustmentRequests;
    private long _adjustmentsApplied;
    private long _adjustmentsRejected;
    private long _itemsWritten;
    private int _adjustmentsUnderWay;
    private int _mostAdjustmentsUnderWay;

    /// <summary>
    /// An absolute adjustment is being handled until the result is disposed; the most ever under way at once shows whether
    /// clients wait for each answer, as inventory-adjustments.mdx asks.
    /// </summary>
    public IDisposable AdjustmentUnderWay()
    {
        var now = Interlocked.Increment(ref _adjustmentsUnderWay);
        for (var most = Volatile.Read(ref _mostAdjustmentsUnderWay); now > most; most = Volatile.Read(ref _mostAdjustmentsUnderWay))
        {
            if (Interlocked.CompareExchange(ref _mostAdjustmentsUnderWay, now, most) == most)
            {
                break;
            }
        }

        return new Finished(() => Interlocked.Decrement(ref _adjustmentsUnderWay));
    }

    public int MostAdjustmentsUnderWay => Volatile.Read(ref _mostAdjustmentsUnderWay);

    private sealed class Finished(Action done) : IDisposable
    {
        public void Dispose() => done();
    }

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
        Interlocked.Exchange(ref _mostAdjustmentsUnderWay, 0);
    }

    public (long Requests, long Applied, long Rejected, long ItemsWritten) Snapshot() =>
        (Interlocked.Read(ref _adjustmentRequests), Interlocked.Read(ref _adjustmentsApplied),
         Interlocked.Read(ref _adjustmentsRejected), Interlocked.Read(ref _itemsWritten));
}
