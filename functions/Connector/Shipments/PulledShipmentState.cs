namespace Connector.Shipments;

/// <summary>
/// Where one shipment made in BigCommerce stands towards the back office (Shipments table, rows
/// <c>bigcommerce:{order id}:{shipment id}</c>). Every state but <c>failing</c> is final: a webhook delivered twice, or
/// the poll finding the shipment again, costs one table read and nothing else.
/// </summary>
public static class PulledShipmentState
{
    /// <summary>The back office took it (2xx, or 409: it had it already).</summary>
    public const string Delivered = "delivered";

    /// <summary>The back office refused it for good (a 4xx); its reason is the row's <c>LastError</c>.</summary>
    public const string Rejected = "rejected";

    /// <summary>The connector made it from a back-office shipment: not echoed back.</summary>
    public const string Own = "own";

    /// <summary>Deleted in BigCommerce before it was read: nothing to deliver.</summary>
    public const string Gone = "gone";

    /// <summary>The back office or BigCommerce could not be reached; the queue tries again.</summary>
    public const string Failing = "failing";

    public static bool IsFinal(string? state) => state is Delivered or Rejected or Own or Gone;
}
