namespace Connector.Shipments;

/// <summary>
/// A store's shipments flow settings (back office → BigCommerce shipments and cancellations), stored as JSON in the
/// Settings table's <c>Shipments</c> column. Absent means these defaults: shipments on, cancellations off (as Logicbroker's
/// "allow cancelling orders" switch: cancelling is not undone easily), pulling BigCommerce's own shipments on.
/// </summary>
/// <remarks>
/// Whether BigCommerce emails the shopper about a shipment is the store's own email setting ("Order shipped"): the V2
/// shipments API has no switch for it, so the connector offers none.
/// </remarks>
public sealed record ShipmentSettings
{
    public bool Enabled { get; init; } = true;

    public bool CancellationsAllowed { get; init; }

    /// <summary>
    /// Shipments made in BigCommerce by someone else (the merchant in the control panel, another app) are delivered to
    /// the back office (<c>store/shipment/created</c> webhooks, the shipments poll as safety net). Independent of
    /// <see cref="Enabled"/>: a back office may take BigCommerce's shipments without sending any.
    /// </summary>
    public bool PullBigCommerceShipments { get; init; } = true;

    /// <summary>Back-office carrier name (matched ignoring case) → what BigCommerce is told; see <see cref="CarrierMapping"/>.</summary>
    public IReadOnlyDictionary<string, CarrierChoice> CarrierMap { get; init; } = new Dictionary<string, CarrierChoice>();
}
