using Connector.BigCommerce;
using Connector.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Inventory;

/// <summary>
/// Group commit of absolute adjustments, per store. Each inventory message still handles one SKU (its claim, its
/// ledger row, its outcome); it hands its lines here and awaits its own outcome. SKUs that arrive while a batch
/// of the same store is forming share one PUT /v3/inventory/adjustments/absolute of up to 2,000 items, so one call
/// carries about as many SKUs as a worker processes at once. A batch forms for at least
/// <see cref="InventoryWriteOptions.Linger"/>, and for as long as the store's earlier requests are under way (at most
/// <see cref="InventoryWriteOptions.MaxConcurrentSends"/> at once; BigCommerce asks to wait for each answer); the quota
/// gate in the HTTP pipeline paces the requests.
/// <para>
/// BigCommerce refuses a whole request (422) when one item is bad, naming it only in a title meant for people, so a
/// refused batch of several SKUs is split in halves and each half sent again, down to single SKUs; a single SKU's
/// refusal is its own outcome (tracked by product, or unknown). A failure of the request itself (5xx, timeout,
/// 429 after the pipeline's retries, 401) fails every SKU in it: each message throws and the queue retries it.
/// </para>
/// <para>
/// A SKU is never twice in one request (BigCommerce applies concurrent absolute adjustments of one item at one
/// location in no guaranteed order): a second write of a SKU waits for a later batch, which is not sent before the
/// earlier one has its answer.
/// </para>
/// </summary>
public sealed class AdjustmentBatcher(
    Func<BigCommerceInventoryClient> client, IOptions<InventoryWriteOptions> options, TimeProvider clock, ILogger<AdjustmentBatcher> logger,
    StoreLeases? leases = null)
{
    /// <summary>The lease that makes "one request per store under way" hold across instances.</summary>
    public const string WriterLease = "inventory-writer";

    private readonly Dictionary<string, StoreBatches> _stores = new(StringComparer.Ordinal);

    /// <summary>Writes one SKU's quantities; returns how BigCommerce took this SKU, or throws as a single write would.</summary>
    public async Task<AdjustmentResult> WriteAsync(string storeHash, SkuAdjustment adjustment, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.BatchWrites)
        {
            return await client().SetAbsoluteAsync(storeHash, [adjustment], cancellationToken);
        }

        var pending = new Pending(adjustment);
        Join(storeHash, pending, settings);
        // The handler may give up waiting (shutdown); the batch is still sent for the others in it.
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private void Join(string storeHash, Pending pending, InventoryWriteOptions settings)
    {
        StoreBatches? store;
        List<Batch> ready;
        lock (_stores)
        {
            if (!_stores.TryGetValue(storeHash, out store))
            {
                _stores[storeHash] = store = new StoreBatches();
            }

            // Only a batch after the one that last took this SKU: its writes stay in the order they were asked for.
            var latest = store.Latest.GetValueOrDefault(pending.Key);
            var from = latest is null ? 0 : store.Forming.IndexOf(latest) + 1;
            var batch = store.Forming.Skip(from).FirstOrDefault(b => !b.Keys.Contains(pending.Key) && b.Lines + pending.Lines <= settings.MaxBatchItems);
            if (batch is null)
            {
                batch = new Batch(storeHash, settings.MaxBatchItems);
                store.Forming.Add(batch);
                _ = LingerAsync(store, batch, settings.Linger);
            }

            if (latest is not null && latest != batch)
            {
                batch.After.Add(latest.Done.Task);
            }

            batch.Add(pending);
            store.Latest[pending.Key] = batch;
            ready = TakeReady(store, settings);
        }

        Send(store, ready);
    }

    private async Task LingerAsync(StoreBatches store, Batch batch, TimeSpan linger)
    {
        await Task.Delay(linger, clock).ConfigureAwait(false);
        List<Batch> ready;
        lock (_stores)
        {
            batch.LingerElapsed = true;
            ready = TakeReady(store, options.Value);
        }

        Send(store, ready);
    }

    /// <summary>
    /// Under the lock: the oldest forming batches that are ready (lingered, or full), while the store has a free send
    /// slot. Oldest first, so an earlier request for a SKU always goes before a later one. Until a slot frees up, a
    /// ready batch keeps taking SKUs: the slower BigCommerce answers, the more SKUs each request carries.
    /// </summary>
    private static List<Batch> TakeReady(StoreBatches store, InventoryWriteOptions settings)
    {
        var taken = new List<Batch>();
        while (store.Sending < settings.MaxConcurrentSends && store.Forming.Count > 0 && store.Forming[0].Ready)
        {
            taken.Add(store.Forming[0]);
            store.Forming.RemoveAt(0);
            store.Sending++;
        }

        return taken;
    }

    private void Send(StoreBatches store, List<Batch> batches)
    {
        foreach (var batch in batches)
        {
            _ = SendBatchAsync(store, batch);
        }
    }

    private async Task SendBatchAsync(StoreBatches store, Batch batch)
    {
        List<Batch> next;
        try
        {
            // An earlier request holding one of these SKUs must have its answer first.
            await Task.WhenAll(batch.After).ConfigureAwait(false);
            if (await TakeWriterLeaseAsync(batch).ConfigureAwait(false) is { } lease)
            {
                await using (lease.ConfigureAwait(false))
                {
                    await SendAsync(batch.StoreHash, batch.Items).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            lock (_stores)
            {
                foreach (var key in batch.Keys)
                {
                    if (store.Latest.GetValueOrDefault(key) == batch)
                    {
                        store.Latest.Remove(key);
                    }
                }

                store.Sending--;
                next = TakeReady(store, options.Value);
            }

            batch.Done.TrySetResult();
        }

        Send(store, next);
    }

    /// <summary>
    /// Waits for the store's writer lease (other instances' requests); meanwhile later batches keep taking SKUs. A lease
    /// that cannot be had (storage failing) fails the batch's SKUs, whose messages the queue retries; then null.
    /// </summary>
    private async Task<IAsyncDisposable?> TakeWriterLeaseAsync(Batch batch)
    {
        var settings = options.Value;
        if (leases is null || !settings.OneWriterAcrossInstances)
        {
            return NoLease.Instance;
        }

        try
        {
            return await leases.AcquireAsync(batch.StoreHash, WriterLease, settings.WriterLease, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var item in batch.Items)
            {
                item.Outcome.TrySetException(ex);
            }

            return null;
        }
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Sends these SKUs in one request; on a refusal of several, the two halves again (bisection).</summary>
    private async Task SendAsync(string storeHash, IReadOnlyList<Pending> items)
    {
        AdjustmentResult result;
        try
        {
            result = await client().SetAbsoluteAsync(storeHash, [.. items.Select(i => i.Adjustment)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var item in items)
            {
                item.Outcome.TrySetException(ex);
            }

            return;
        }

        logger.LogDebug("Absolute adjustment of {SkuCount} SKUs of store {StoreHash}: {Outcome}", items.Count, storeHash, result.Outcome);
        if (result.Outcome == AdjustmentOutcome.Applied || items.Count == 1)
        {
            foreach (var item in items)
            {
                item.Outcome.TrySetResult(result);
            }

            return;
        }

        // Which item BigCommerce refused is only in its title, for people: find it by halving.
        logger.LogInformation("BigCommerce refused an absolute adjustment of {SkuCount} SKUs of store {StoreHash}; sending each half again",
            items.Count, storeHash);
        // One after the other, as BigCommerce asks ("wait to send new requests until the current request returns").
        var half = items.Count / 2;
        await SendAsync(storeHash, [.. items.Take(half)]).ConfigureAwait(false);
        await SendAsync(storeHash, [.. items.Skip(half)]).ConfigureAwait(false);
    }

    private sealed class Pending(SkuAdjustment adjustment)
    {
        public SkuAdjustment Adjustment { get; } = adjustment;

        /// <summary>The item BigCommerce sees: a product (by product_id) or a SKU (SKUs match without regard to case).</summary>
        public string Key { get; } = adjustment.ProductId is { } id ? $"product:{id}" : "sku:" + adjustment.Sku.ToUpperInvariant();

        public int Lines => Adjustment.Quantities.Count;

        public TaskCompletionSource<AdjustmentResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Batch(string storeHash, int maxItems)
    {
        public string StoreHash { get; } = storeHash;
        public bool LingerElapsed { get; set; }
        public bool Ready => LingerElapsed || Lines >= maxItems;
        public List<Pending> Items { get; } = [];
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public int Lines { get; private set; }
        public List<Task> After { get; } = [];
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add(Pending pending)
        {
            Items.Add(pending);
            Keys.Add(pending.Key);
            Lines += pending.Lines;
        }
    }

    private sealed class StoreBatches
    {
        /// <summary>Batches still taking SKUs, oldest first.</summary>
        public List<Batch> Forming { get; } = [];

        /// <summary>Requests of this store under way (at most <see cref="InventoryWriteOptions.MaxConcurrentSends"/>).</summary>
        public int Sending { get; set; }

        /// <summary>For each SKU in a batch not yet answered, the last such batch.</summary>
        public Dictionary<string, Batch> Latest { get; } = new(StringComparer.Ordinal);
    }
}
