using Connector.Hosting;
using Connector.Orders;
using Connector.Storage;
using Microsoft.Extensions.Options;

namespace Connector.Webhooks;

/// <summary>
/// One per process: the endpoint's one storage write, shared. A callback arriving while no write is in flight is written
/// at once, alone; callbacks arriving while one is in flight gather and go together in the next, as one message on the
/// <c>webhooks</c> queue (up to <see cref="WebhookBatchMessage.MaxCallbacks"/>; a full batch may start another write, up
/// to <see cref="WebhookOptions.MaxConcurrentWrites"/>). Each request waits for the write holding its callback: it is
/// answered 200 only once that write succeeded, and every request of a failed write, and those gathered behind it, gets
/// the failure (a 503, so BigCommerce sends it again). So an idle endpoint adds no wait, and a busy one makes one write
/// for many callbacks. An order callback of a quiet store (none of its callbacks within
/// <see cref="WebhookOptions.CoalesceBusyWindow"/>) has nothing to be read with: it goes straight on the <c>orders</c>
/// queue, one write as well, where the worker claims its receipt and reads the order (<see cref="OrderMessage.CallbackCopy"/>),
/// one queue hop sooner.
/// </summary>
public sealed class WebhookGroupCommit(WorkQueue queue, IOptions<WebhookOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastCallback = new(StringComparer.Ordinal);
    private List<Pending> _forming = [];
    private int _writing;

    /// <summary>Completes when the callback is on the queue; throws what the write threw (a storage fault) otherwise.</summary>
    public Task AcceptAsync(AcceptedWebhook callback, CancellationToken cancellationToken)
    {
        if (!callback.IsShipment && IsQuiet(callback.StoreHash))
        {
            // This copy's own id: its message's retries keep it and take their claim back; another copy has another.
            return queue.SendAsync(QueueNames.Orders, new OrderMessage(callback.StoreHash, callback.DataId, null, OrderSources.Webhook, callback.WebhookId,
                callback.EventAt, CallbackCopy: Guid.NewGuid().ToString("N")), cancellationToken);
        }

        var pending = new Pending(callback);
        List<Pending>? batch;
        lock (_gate)
        {
            _forming.Add(pending);
            batch = TakeBatch();
        }

        if (batch is not null)
        {
            _ = WriteAsync(batch);
        }

        // A request given up (the caller went away) stops waiting; its callback is still written with the others.
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Whether the store had no callback within the busy window; this one counts for the next.</summary>
    private bool IsQuiet(string storeHash)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            var quiet = !_lastCallback.TryGetValue(storeHash, out var last) || now - last > options.Value.CoalesceBusyWindow;
            _lastCallback[storeHash] = now;
            return quiet;
        }
    }

    /// <summary>Under the lock: the batch to write now, if any.</summary>
    private List<Pending>? TakeBatch()
    {
        var full = _forming.Count >= WebhookBatchMessage.MaxCallbacks;
        if (_forming.Count == 0 || (_writing > 0 && !(full && _writing < options.Value.MaxConcurrentWrites)))
        {
            return null;
        }

        var batch = _forming.Take(WebhookBatchMessage.MaxCallbacks).ToList();
        _forming = _forming.Skip(batch.Count).ToList();
        _writing++;
        return batch;
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        while (batch is not null)
        {
            try
            {
                var message = new WebhookBatchMessage(Guid.NewGuid().ToString("N"), [.. batch.Select(p => p.Callback)]);
                await queue.SendAsync(QueueNames.Webhooks, message, CancellationToken.None).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Written.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                // Those that gathered behind the failed write fail with it rather than wait as long again: storage is
                // failing, and BigCommerce retries each of them; a callback arriving after this tries a write of its own.
                List<Pending> behind;
                lock (_gate)
                {
                    behind = _forming;
                    _forming = [];
                }

                foreach (var pending in batch.Concat(behind))
                {
                    pending.Written.TrySetException(ex);
                }
            }

            lock (_gate)
            {
                _writing--;
                batch = TakeBatch()!;
            }
        }
    }

    private sealed class Pending(AcceptedWebhook callback)
    {
        public AcceptedWebhook Callback { get; } = callback;
        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
