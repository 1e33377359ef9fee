using Connector.BigCommerce;
using Connector.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.CatalogPush;

/// <summary>One change to write, the store's creation setting, and whether the pull side must be told (no echo).</summary>
public sealed record PendingWrite(CatalogChange Change, ProductCreation Creation, bool TellPull);

/// <summary>How one change went: written or created (where), skipped or refused (why).</summary>
public sealed record WriteResult(WriteOutcome Outcome, long? ProductId = null, long? VariantId = null, string? Reason = null, IReadOnlyList<string>? Notes = null);

/// <summary>
/// Group commit of catalog writes, per store, like inventory's <c>AdjustmentBatcher</c>. Each catalog-push message still
/// handles one change (its claims, its ledger row, its outcome); it hands the change here and awaits its own result. The
/// changes that arrive while a batch of the same store forms (up to 50) share one SKU lookup (<c>GET
/// /v3/catalog/variants?sku:in=</c>, and <c>/products?sku:in=</c> for what that did not find), then
/// <c>PUT /v3/catalog/products</c> in tens and <c>PUT /v3/catalog/variants</c> in fifties.
/// <para>
/// BigCommerce refuses a whole batch (409, 422) for one bad item, so a refused request of several is split in halves and
/// each sent again, down to single changes; a single change's refusal is its own result. A failure of the request itself
/// (429 after the pipeline's retries, 5xx, timeout, 401) fails every change in it: each message throws and the queue retries.
/// A SKU is never twice in one batch: a second change of it waits for a later batch, sent after the earlier one's answer.
/// </para>
/// </summary>
public sealed class CatalogWriteBatcher(
    Func<BigCommerceCatalogWriteClient> client, IOwnCatalogWrites ownWrites, IOptions<CatalogPushOptions> options, TimeProvider clock,
    ILogger<CatalogWriteBatcher> logger)
{
    private readonly Dictionary<string, StoreBatches> _stores = new(StringComparer.Ordinal);

    public async Task<WriteResult> WriteAsync(string storeHash, PendingWrite write, CancellationToken cancellationToken)
    {
        var pending = new Pending(write);
        if (!options.Value.BatchWrites)
        {
            await SendBatchAsync(storeHash, [pending]).ConfigureAwait(false);
            return await pending.Outcome.Task.WaitAsync(cancellationToken);
        }

        Join(storeHash, pending);
        // The handler may give up waiting (shutdown); the batch is still sent for the others in it.
        return await pending.Outcome.Task.WaitAsync(cancellationToken);
    }

    private void Join(string storeHash, Pending pending)
    {
        StoreBatches? store;
        List<Batch> ready;
        lock (_stores)
        {
            if (!_stores.TryGetValue(storeHash, out store))
            {
                _stores[storeHash] = store = new StoreBatches();
            }

            var latest = store.Latest.GetValueOrDefault(pending.Key);
            var from = latest is null ? 0 : store.Forming.IndexOf(latest) + 1;
            var batch = store.Forming.Skip(from).FirstOrDefault(b => !b.Keys.Contains(pending.Key) && b.Items.Count < BigCommerceCatalogWriteClient.MaxSkusPerLookup);
            if (batch is null)
            {
                batch = new Batch(storeHash);
                store.Forming.Add(batch);
                _ = LingerAsync(store, batch);
            }

            if (latest is not null && latest != batch)
            {
                batch.After.Add(latest.Done.Task);
            }

            batch.Items.Add(pending);
            batch.Keys.Add(pending.Key);
            batch.LastJoinedAt = clock.GetUtcNow();
            store.Latest[pending.Key] = batch;
            ready = TakeReady(store);
        }

        Send(store, ready);
    }

    /// <summary>Waits until no change joined the batch for <see cref="CatalogPushOptions.Linger"/>, or <see cref="CatalogPushOptions.MaxLinger"/> passed.</summary>
    private async Task LingerAsync(StoreBatches store, Batch batch)
    {
        var settings = options.Value;
        var started = clock.GetUtcNow();
        var wait = settings.Linger;
        while (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock).ConfigureAwait(false);
            DateTimeOffset lastJoined;
            lock (_stores)
            {
                lastJoined = batch.LastJoinedAt;
            }

            var now = clock.GetUtcNow();
            wait = TimeSpan.FromTicks(Math.Min((lastJoined + settings.Linger - now).Ticks, (started + settings.MaxLinger - now).Ticks));
        }

        List<Batch> ready;
        lock (_stores)
        {
            batch.LingerElapsed = true;
            ready = TakeReady(store);
        }

        Send(store, ready);
    }

    /// <summary>Under the lock: the oldest ready batches (lingered, or full), while the store has a free send slot.</summary>
    private List<Batch> TakeReady(StoreBatches store)
    {
        var taken = new List<Batch>();
        while (store.Sending < options.Value.MaxConcurrentSends && store.Forming.Count > 0 && store.Forming[0].Ready)
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
            _ = SendAndReleaseAsync(store, batch);
        }
    }

    private async Task SendAndReleaseAsync(StoreBatches store, Batch batch)
    {
        List<Batch> next;
        try
        {
            await Task.WhenAll(batch.After).ConfigureAwait(false);
            await SendBatchAsync(batch.StoreHash, batch.Items).ConfigureAwait(false);
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
                next = TakeReady(store);
            }

            batch.Done.TrySetResult();
        }

        Send(store, next);
    }

    /// <summary>Looks the batch's SKUs up, plans each change, sends the updates and creations; every item ends with a result or an exception.</summary>
    private async Task SendBatchAsync(string storeHash, IReadOnlyList<Pending> items)
    {
        try
        {
            var api = client();
            var skus = items.Select(i => i.Write.Change.Sku).ToList();
            var variants = await api.FindVariantsAsync(storeHash, skus, CancellationToken.None).ConfigureAwait(false);
            var notFound = SkuMatching.NotFound(skus, variants);
            var products = notFound.Count > 0 ? await api.FindProductsAsync(storeHash, notFound, CancellationToken.None).ConfigureAwait(false) : [];
            var matches = SkuMatching.Match(skus, variants, products);

            var productUpdates = new List<(Pending Item, WriteStep.UpdateProduct Step)>();
            var variantUpdates = new List<(Pending Item, WriteStep.UpdateVariant Step)>();
            var creations = new List<(Pending Item, WriteStep.Create Step)>();
            foreach (var item in items)
            {
                switch (CatalogWritePlan.StepFor(item.Write.Change, matches[item.Write.Change.Sku], item.Write.Creation))
                {
                    case WriteStep.UpdateProduct p:
                        productUpdates.Add((item, p));
                        break;
                    case WriteStep.UpdateVariant v:
                        variantUpdates.Add((item, v));
                        break;
                    case WriteStep.Create c:
                        creations.Add((item, c));
                        break;
                    case WriteStep.Skip s:
                        item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Skipped, Reason: s.Reason));
                        break;
                    case WriteStep.Refuse r:
                        item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Refused, Reason: r.Reason));
                        break;
                }
            }

            var told = productUpdates.Where(u => u.Item.Write.TellPull).Select(u => u.Step.ProductId)
                .Concat(variantUpdates.Where(u => u.Item.Write.TellPull).Select(u => u.Step.ProductId)).ToHashSet();
            var unended = told.Count > 0 ? await ownWrites.BeginAsync(storeHash, told, CancellationToken.None).ConfigureAwait(false) : [];
            var versions = told.ToDictionary(id => id, _ => (DateTimeOffset?)null);
            // Products of a request that failed: BigCommerce may have applied it. Refused ones made nothing.
            var uncertain = new HashSet<long>();
            var finished = false;
            try
            {
                await ResolveUnendedAsync(api, storeHash, unended).ConfigureAwait(false);
                foreach (var request in CatalogWritePlan.Requests(productUpdates, BigCommerceCatalogWriteClient.MaxProductsPerPut))
                {
                    foreach (var version in await SendProductsAsync(storeHash, request, uncertain).ConfigureAwait(false))
                    {
                        if (versions.ContainsKey(version.Id))
                        {
                            versions[version.Id] = version.DateModified;
                        }
                    }
                }

                var variantProducts = new HashSet<long>();
                foreach (var request in CatalogWritePlan.Requests(variantUpdates, BigCommerceCatalogWriteClient.MaxVariantsPerPut))
                {
                    variantProducts.UnionWith(await SendVariantsAsync(storeHash, request, uncertain).ConfigureAwait(false));
                }

                // A variant's answer has no product version: read the versions its write made, for the pull to skip.
                var unread = variantProducts.Where(told.Contains).ToList();
                if (unread.Count > 0)
                {
                    foreach (var version in await api.ReadVersionsAsync(storeHash, unread, CancellationToken.None).ConfigureAwait(false))
                    {
                        versions[version.Id] = version.DateModified;
                    }
                }

                finished = true;
            }
            finally
            {
                if (told.Count > 0)
                {
                    // Cut short (a read failed), a product without a version may have been written: its wait stands.
                    var madeNothing = finished ? told.Where(id => versions[id] is null && !uncertain.Contains(id)).ToHashSet() : [];
                    await ownWrites.EndAsync(storeHash, versions, madeNothing, CancellationToken.None).ConfigureAwait(false);
                }
            }

            foreach (var (item, step) in creations)
            {
                await CreateAsync(storeHash, item, step).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // Whatever has no result yet fails with the request that failed; its message is retried by the queue.
            foreach (var item in items)
            {
                item.Outcome.TrySetException(ex);
            }
        }
    }

    /// <summary>
    /// Before writing products an earlier write of which never recorded its end (its answer lost, its worker killed), reads
    /// their versions: that write may have made them, and the pull must not send them back once this write's end lifts the wait.
    /// </summary>
    private async Task ResolveUnendedAsync(BigCommerceCatalogWriteClient api, string storeHash, IReadOnlyCollection<long> unended)
    {
        if (unended.Count == 0)
        {
            return;
        }

        var current = (await api.ReadVersionsAsync(storeHash, unended, CancellationToken.None).ConfigureAwait(false))
            .Where(v => v.DateModified is not null).ToDictionary(v => v.Id, v => v.DateModified!.Value);
        await ownWrites.ResolveUnendedAsync(storeHash, current, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Sends these product updates in one request; on a refusal of several, each half again. The versions written.</summary>
    private async Task<IReadOnlyList<V3ProductVersion>> SendProductsAsync(
        string storeHash, IReadOnlyList<(Pending Item, WriteStep.UpdateProduct Step)> request, HashSet<long> uncertain)
    {
        CatalogWriteResult result;
        try
        {
            result = await client().UpdateProductsAsync(storeHash, [.. request.Select(r => r.Step.Write)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var (item, step) in request)
            {
                item.Outcome.TrySetException(ex);
                uncertain.Add(step.ProductId);
            }

            return [];
        }

        switch (result)
        {
            case CatalogWriteResult.Applied applied:
                foreach (var (item, step) in request)
                {
                    item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Written, step.ProductId, Notes: step.Notes));
                }

                return applied.Products;
            case CatalogWriteResult.Refused refused when request.Count == 1:
                request[0].Item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Refused, request[0].Step.ProductId, Reason: Refusal(refused)));
                return [];
            default:
                logger.LogInformation("BigCommerce refused a batch of {Count} product updates of store {StoreHash}; sending each half again", request.Count, storeHash);
                var half = request.Count / 2;
                return [.. await SendProductsAsync(storeHash, [.. request.Take(half)], uncertain).ConfigureAwait(false),
                    .. await SendProductsAsync(storeHash, [.. request.Skip(half)], uncertain).ConfigureAwait(false)];
        }
    }

    /// <summary>As <see cref="SendProductsAsync"/> for variants; the products whose variants were written.</summary>
    private async Task<IReadOnlyList<long>> SendVariantsAsync(
        string storeHash, IReadOnlyList<(Pending Item, WriteStep.UpdateVariant Step)> request, HashSet<long> uncertain)
    {
        CatalogWriteResult result;
        try
        {
            result = await client().UpdateVariantsAsync(storeHash, [.. request.Select(r => r.Step.Write)], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var (item, step) in request)
            {
                item.Outcome.TrySetException(ex);
                uncertain.Add(step.ProductId);
            }

            return [];
        }

        switch (result)
        {
            case CatalogWriteResult.Applied:
                foreach (var (item, step) in request)
                {
                    item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Written, step.ProductId, step.VariantId, Notes: step.Notes));
                }

                return [.. request.Select(r => r.Step.ProductId)];
            case CatalogWriteResult.Refused refused when request.Count == 1:
                request[0].Item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Refused, request[0].Step.ProductId, request[0].Step.VariantId, Reason: Refusal(refused)));
                return [];
            default:
                logger.LogInformation("BigCommerce refused a batch of {Count} variant updates of store {StoreHash}; sending each half again", request.Count, storeHash);
                var half = request.Count / 2;
                return [.. await SendVariantsAsync(storeHash, [.. request.Take(half)], uncertain).ConfigureAwait(false),
                    .. await SendVariantsAsync(storeHash, [.. request.Skip(half)], uncertain).ConfigureAwait(false)];
        }
    }

    private async Task CreateAsync(string storeHash, Pending item, WriteStep.Create step)
    {
        try
        {
            var result = await client().CreateProductAsync(storeHash, step.Write, CancellationToken.None).ConfigureAwait(false);
            if (result is CatalogWriteResult.Applied { Products: [var created, ..] })
            {
                if (item.Write.TellPull)
                {
                    await ownWrites.EndAsync(storeHash, new Dictionary<long, DateTimeOffset?> { [created.Id] = created.DateModified }, new HashSet<long>(), CancellationToken.None).ConfigureAwait(false);
                }

                item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Created, created.Id));
            }
            else
            {
                item.Outcome.TrySetResult(new WriteResult(WriteOutcome.Refused, Reason: result is CatalogWriteResult.Refused r ? Refusal(r) : "BigCommerce answered the creation without the product"));
            }
        }
        catch (Exception ex)
        {
            item.Outcome.TrySetException(ex);
        }
    }

    private static string Refusal(CatalogWriteResult.Refused refused) => $"BigCommerce refused it ({refused.Status}): {refused.Reason}";

    private sealed class Pending(PendingWrite write)
    {
        public PendingWrite Write { get; } = write;

        /// <summary>SKUs match without regard to case.</summary>
        public string Key { get; } = write.Change.Sku.ToUpperInvariant();

        public TaskCompletionSource<WriteResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Batch(string storeHash)
    {
        public string StoreHash { get; } = storeHash;
        public bool LingerElapsed { get; set; }
        public DateTimeOffset LastJoinedAt { get; set; }
        public List<Pending> Items { get; } = [];
        public bool Ready => LingerElapsed || Items.Count >= BigCommerceCatalogWriteClient.MaxSkusPerLookup;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public List<Task> After { get; } = [];
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class StoreBatches
    {
        public List<Batch> Forming { get; } = [];
        public int Sending { get; set; }
        public Dictionary<string, Batch> Latest { get; } = new(StringComparer.Ordinal);
    }
}
