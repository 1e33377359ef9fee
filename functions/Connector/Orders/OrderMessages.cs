namespace Connector.Orders;

/// <summary>One store's sync job for one flow, fanned out by a timer (store-sync queue).</summary>
public sealed record StoreSyncMessage(string StoreHash, string Flow, string CorrelationId);

/// <summary>
/// One order to bring to the back office (orders queue). <see cref="ModifiedAt"/> is the version the sender saw;
/// it lets a version the back office already has be skipped without asking BigCommerce.
/// </summary>
public sealed record OrderMessage(string StoreHash, long OrderId, DateTimeOffset? ModifiedAt, string Source, string CorrelationId);

public static class OrderSources
{
    public const string Poll = "poll";
    public const string Webhook = "webhook";
}
