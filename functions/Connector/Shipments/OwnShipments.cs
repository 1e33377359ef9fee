using System.Text.Json;
using Connector.BigCommerce;

namespace Connector.Shipments;

/// <summary>
/// Tells the connector's own shipments apart from those someone else made in BigCommerce, from the back office's
/// shipments of the same order (FulfilmentLedger rows). A back-office shipment is <c>writing</c> before its POST starts,
/// so by the time BigCommerce's webhook (or the poll) shows the shipment, the row that made it is there.
/// </summary>
public static class OwnShipments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <returns>The back-office shipment that made <paramref name="shipment"/>, or null when someone else made it.</returns>
    public static FulfilmentEntry? MadeBy(V2Shipment shipment, IReadOnlyList<FulfilmentEntry> backOfficeShipments)
    {
        foreach (var entry in backOfficeShipments)
        {
            switch (entry.State)
            {
                // Recorded: its id says it.
                case FulfilmentState.Done when entry.BigCommerceShipmentId == shipment.Id:
                    return entry;
                // Its outcome not recorded yet (the POST under way, or its answer lost): the same tracking number and
                // exactly the same lines, made no earlier than the write began, as the writer itself looks for it.
                case FulfilmentState.Writing:
                    if (ShipmentMatching.FindOurs([shipment], entry.TrackingNumber, Lines(entry), entry.WriteStartedAt) is not null)
                    {
                        return entry;
                    }

                    break;
            }
        }

        return null;
    }

    private static IReadOnlyList<PlannedLine> Lines(FulfilmentEntry entry) =>
        entry.PostedLines is { } json ? JsonSerializer.Deserialize<List<PlannedLine>>(json, Json) ?? [] : [];
}
