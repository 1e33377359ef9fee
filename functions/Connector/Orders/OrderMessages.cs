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
/// </summary>
public sealed record OrderMessage(
    string StoreHash, long OrderId, DateTimeOffset? ModifiedAt, string Source, string CorrelationId, DateTimeOffset? EventAt = null);

public static class OrderSources
{
    public const string Poll = "poll";
    public const string Webhook = "webhook";

    /// <summary>Queued again after the store became active again: its earlier message may be gone (see <see cref="UndeliveredOrderRecovery"/>).</summary>
    public const string Recovery = "recovery";

    /// <summary>A person pressed retry on the app's page: the order is read again and delivered if the back office lacks it.</summary>
    public const string Retry = "retry";
}
