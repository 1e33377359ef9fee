namespace Connector.Shipments;

/// <summary>
/// A store's shipments flow settings (back office → BigCommerce shipments and cancellations), stored as JSON in the
/// Settings table's <c>Shipments</c> column. Absent means these defaults: shipments on, cancellations off (as Logicbroker's
/// "allow cancelling orders" switch: cancelling is not undone easily).
/// </summary>
/// <remarks>
/// Whether BigCommerce emails the shopper about a shipment is the store's own email setting ("Order shipped"): the V2
/// shipments API has no switch for it, so the connector offers none.
/// </remarks>
public sealed record ShipmentSettings
{
    public bool Enabled { get; init; } = true;

    public bool CancellationsAllowed { get; init; }

    /// <summary>Back-office carrier name (matched ignoring case) → what BigCommerce is told; see <see cref="CarrierMapping"/>.</summary>
    public IReadOnlyDictionary<string, CarrierChoice> CarrierMap { get; init; } = new Dictionary<string, CarrierChoice>();
}
