namespace Connector.Orders;

/// <summary>
/// One store's sync job for one flow, fanned out by a timer (store-sync queue). <see cref="RequestedAt"/>: when it was
/// asked for, to the tick (a queue's insertion time has whole seconds only); a run that started later covers it.
/// <see cref="RunId"/> names the run across its retry rounds: a round is sent back to the queue as a new message (a new
/// message id), and must take its own run's lease back rather than find itself "covered" by it.
/// </summary>
public sealed record StoreSyncMessage(string StoreHash, string Flow, string CorrelationId, DateTimeOffset? RequestedAt = null, string? RunId = null)
{
    /// <summary>A request for a new run, with a run id of its own.</summary>
    public static StoreSyncMessage Request(string storeHash, string flow, string correlationId, DateTimeOffset requestedAt) =>
        new(storeHash, flow, correlationId, requestedAt, Guid.NewGuid().ToString("N"));
}

/// <summary>
/// One order to bring to the back office (orders queue). <see cref="ModifiedAt"/> is the version the sender saw (the
/// poll); <see cref="EventAt"/> when BigCommerce reported the change (a webhook's <c>created_at</c>). Either lets work
/// that is already done, or in another worker's hands, be skipped without asking BigCommerce.
/// <see cref="Carried"/> is that version itself, as the poll's list page had it (line items and addresses embedded), read
/// at <see cref="CarriedReadAt"/>: the worker delivers it without reading the order again. Absent (a quiet store's webhook, an order too big
/// for a queue message, a message requeued from poison, which never keeps it) the worker reads the order.
/// <see cref="CallbackCopy"/>: a webhook's message straight from the endpoint only (a quiet store's callback), an id the
/// endpoint gave this copy of the callback (its <c>webhook-id</c> is <see cref="CorrelationId"/>); the worker claims the
/// webhook's receipt with it (see <see cref="Webhooks.WebhookReceipts"/>). A message from the webhooks worker has none: that
/// worker claimed the receipts, and may carry the order it read, as the poll does.
/// </summary>
public sealed record OrderMessage(
    string StoreHash, long OrderId, DateTimeOffset? ModifiedAt, string Source, string CorrelationId, DateTimeOffset? EventAt = null,
    BigCommerce.V2Order? Carried = null, DateTimeOffset? CarriedReadAt = null, string? CallbackCopy = null)
{
    /// <summary>
    /// The most a message may weigh with its carried order: a queue message holds 64 KiB once base64-encoded (48 KiB of
    /// JSON), less room for the retry and poison envelopes.
    /// </summary>
    public const int MaxCarriedBytes = 44 * 1024;

    /// <summary>The carried order, when it is the message's own order and version; null otherwise (then the order is read).</summary>
    public BigCommerce.V2Order? CarriedVersion() =>
        Carried is { DateModified: { } version } order && order.Id == OrderId && version == ModifiedAt ? order : null;

    /// <summary>The message with the order it is about, when the order is complete and small enough to travel in it; else as it is.</summary>
    public OrderMessage Carrying(BigCommerce.V2Order order, DateTimeOffset readAt)
    {
        if (order.DateModified != ModifiedAt || CanonicalOrderMapper.NeedsFullLineItems(order, CanonicalOrderMapper.EmbeddedLines(order)))
        {
            return this;
        }

        var carrying = this with { Carried = order, CarriedReadAt = readAt };
        return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(carrying, Storage.WorkQueue.Json).Length <= MaxCarriedBytes ? carrying : this;
    }
}

public static class OrderSources
{
    public const string Poll = "poll";
    public const string Webhook = "webhook";

    /// <summary>Queued again after the store became active again: its earlier message may be gone (see <see cref="UndeliveredOrderRecovery"/>).</summary>
    public const string Recovery = "recovery";

    /// <summary>A person pressed retry on the app's page: the order is read again and delivered if the back office lacks it.</summary>
    public const string Retry = "retry";
}
