using Connector.BigCommerce;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>Orders read together for webhooks, by id, as they were at <see cref="ReadAt"/>; an order not there was not read.</summary>
public sealed record OrderVersions(IReadOnlyDictionary<long, V2Order> Orders, DateTimeOffset ReadAt)
{
    public static readonly OrderVersions None = new(new Dictionary<long, V2Order>(), DateTimeOffset.MinValue);
}

/// <summary>
/// One per process: the orders that webhook callbacks of one store name are read together, a list read by id range
/// (<see cref="OrderIdRanges"/>) instead of one read per order. One read per store in flight; ids that arrive meanwhile
/// wait for the next. A quiet store (no callback within <see cref="WebhookOptions.CoalesceBusyWindow"/>) is read at once;
/// a busy one lingers <see cref="WebhookOptions.CoalesceLinger"/> so one read takes many orders. A range holding a single
/// order is not read here: the orders worker reads that order as it would anyway, at the same cost of one call.
/// </summary>
public sealed class CoalescedOrderReads(
    Func<BigCommerceOrdersClient> client, IOptions<WebhookOptions> options, IOptions<BigCommerceOptions> bigCommerce, TimeProvider clock,
    ILogger<CoalescedOrderReads> logger)
{
    private readonly Dictionary<string, StoreReads> _stores = new(StringComparer.Ordinal);

    /// <summary>
    /// The orders of <paramref name="ids"/> the next read of the store brought back. A failed read is logged and brings
    /// nothing: the orders are then read one by one by the orders worker, which knows what to do with each failure.
    /// </summary>
    public async Task<OrderVersions> ReadAsync(string storeHash, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return OrderVersions.None;
        }

        Group group;
        bool startNow;
        lock (_stores)
        {
            if (!_stores.TryGetValue(storeHash, out var store))
            {
                _stores[storeHash] = store = new StoreReads(storeHash);
            }

            var now = clock.GetUtcNow();
            var quiet = store.LastArrival is not { } last || now - last > options.Value.CoalesceBusyWindow;
            store.LastArrival = now;
            var lingering = store.Forming is null;
            store.Forming ??= new Group();
            group = store.Forming;
            group.Ids.UnionWith(ids);
            group.LingerElapsed |= quiet;
            startNow = TakeReady(store) == group;
            if (!startNow && lingering && !group.LingerElapsed)
            {
                _ = LingerAsync(store, group);
            }
        }

        if (startNow)
        {
            _ = ReadGroupAsync(storeHashOf: storeHash, group);
        }

        var read = await group.Outcome.Task.WaitAsync(cancellationToken);
        return read;
    }

    /// <summary>Under the lock: the forming group, taken to be read, when it is ready and no read of the store is in flight.</summary>
    private static Group? TakeReady(StoreReads store)
    {
        if (store.Reading || store.Forming is not { LingerElapsed: true } ready)
        {
            return null;
        }

        store.Forming = null;
        store.Reading = true;
        return ready;
    }

    private async Task LingerAsync(StoreReads store, Group group)
    {
        await Task.Delay(options.Value.CoalesceLinger, clock).ConfigureAwait(false);
        Group? next;
        lock (_stores)
        {
            group.LingerElapsed = true;
            next = TakeReady(store);
        }

        if (next is not null)
        {
            _ = ReadGroupAsync(store.StoreHash, next);
        }
    }

    private async Task ReadGroupAsync(string storeHashOf, Group group)
    {
        try
        {
            group.Outcome.TrySetResult(await ReadIdsAsync(storeHashOf, group.Ids).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            group.Outcome.TrySetException(ex);
        }
        finally
        {
            Group? next;
            lock (_stores)
            {
                var store = _stores[storeHashOf];
                store.Reading = false;
                next = TakeReady(store);
                if (next is null && store.Forming is null && store.LastArrival < clock.GetUtcNow() - options.Value.CoalesceBusyWindow)
                {
                    _stores.Remove(storeHashOf); // quiet: nothing kept for a store that may not call again for hours
                }
            }

            if (next is not null)
            {
                _ = ReadGroupAsync(storeHashOf, next);
            }
        }
    }

    private async Task<OrderVersions> ReadIdsAsync(string storeHash, IReadOnlyCollection<long> ids)
    {
        var found = new Dictionary<long, V2Order>();
        var readAt = clock.GetUtcNow();
        foreach (var range in OrderIdRanges.Plan(ids, bigCommerce.Value.OrdersPageSize).Where(r => r.Ids.Count > 1))
        {
            try
            {
                var wanted = range.Ids.ToHashSet();
                foreach (var order in await client().ListOrdersByIdAsync(storeHash, range.MinId, range.MaxId, CancellationToken.None).ConfigureAwait(false))
                {
                    if (wanted.Contains(order.Id))
                    {
                        found[order.Id] = order;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Only a shortcut failed: the orders worker reads each of these orders, and handles a refused token or a
                // missing scope as it always does.
                logger.LogWarning(ex, "Orders {MinId} to {MaxId} of store {StoreHash} not read together; each is read on its own", range.MinId, range.MaxId, storeHash);
            }
        }

        return new OrderVersions(found, readAt);
    }

    private sealed class Group
    {
        public HashSet<long> Ids { get; } = [];
        public bool LingerElapsed { get; set; }
        public TaskCompletionSource<OrderVersions> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class StoreReads(string storeHash)
    {
        public string StoreHash { get; } = storeHash;
        public Group? Forming { get; set; }
        public bool Reading { get; set; }
        public DateTimeOffset? LastArrival { get; set; }
    }
}
