using Connector.Orders;
using Connector.Shipments;

namespace Connector.MerchantPage;

/// <summary>The shipments feed's cursor row: the back office's shipments and cancellations to BigCommerce.</summary>
public sealed class ShipmentFlowStatus(SyncCursors cursors, Stores.StoreSettings settings, TimeProvider clock) : IFlowStatusSource
{
    public async Task<FlowStatusView> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var cursor = await cursors.FindAsync(storeHash, SyncCursors.ShipmentsFlow, cancellationToken);
        var enabled = (await settings.GetShipmentSettingsAsync(storeHash, cancellationToken)).Enabled;
        return FlowStatusViews.From(SyncCursors.ShipmentsFlow, "Shipments and cancellations to BigCommerce", enabled, cursor, clock.GetUtcNow());
    }
}

/// <summary>Back-office shipments and cancellations refused, or failing and retried: from the ledger's attention rows.</summary>
public sealed class ShipmentAttentionSource(FulfilmentLedger ledger) : IAttentionSource
{
    public const int Shown = 20;

    public async Task<AttentionGroup> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var (entries, more) = await ledger.ListNeedingAttentionAsync(storeHash, Shown, cancellationToken);
        var items = entries
            .Select(e => new AttentionItem($"{(e.Kind == "cancellation" ? "Cancellation" : "Shipment")} {e.BackOfficeId} of order {e.OrderId}", StateOf(e.State), e.LastError, e.UpdatedAt))
            .ToList();
        return new AttentionGroup("shipment", "Shipments and cancellations BigCommerce did not get",
            "A refused record is not tried again: fix the order or the record in the back office and send it under a new id. Failing ones are retried automatically.",
            items, more);
    }

    private static string StateOf(string? state) => state switch
    {
        FulfilmentState.Refused => "Refused",
        FulfilmentState.Failing => "Failing, retried automatically",
        FulfilmentState.Writing => "Outcome unknown, checked on the order before trying again",
        _ => state ?? "",
    };
}
