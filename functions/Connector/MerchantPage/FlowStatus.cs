using Connector.Orders;

namespace Connector.MerchantPage;

/// <summary>One flow's last run as the page shows it: when, what came of it, and whether it is on.</summary>
public sealed record FlowStatusView(string Flow, string Title, bool Enabled, DateTimeOffset? LastRunAt, string? LastResult, bool Running, string? Problem);

/// <summary>
/// The extension point for the page's "each flow's last run": every registered source adds one card, in registration
/// order. Orders and inventory register theirs here; a new flow (shipments) registers its own, and the page shows it.
/// </summary>
public interface IFlowStatusSource
{
    Task<FlowStatusView> ReadAsync(string storeHash, CancellationToken cancellationToken);
}

/// <summary>The order poll's cursor row.</summary>
public sealed class OrderFlowStatus(SyncCursors cursors, Stores.StoreSettings settings, TimeProvider clock) : IFlowStatusSource
{
    public async Task<FlowStatusView> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var cursor = await cursors.FindAsync(storeHash, SyncCursors.OrdersFlow, cancellationToken);
        var enabled = (await settings.GetOrderSettingsAsync(storeHash, cancellationToken)).Enabled;
        return FlowStatusViews.From(SyncCursors.OrdersFlow, "Orders to the back office", enabled, cursor, clock.GetUtcNow());
    }
}

/// <summary>The inventory push's cursor row.</summary>
public sealed class InventoryFlowStatus(SyncCursors cursors, Stores.StoreSettings settings, TimeProvider clock) : IFlowStatusSource
{
    public async Task<FlowStatusView> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var cursor = await cursors.FindAsync(storeHash, SyncCursors.InventoryFlow, cancellationToken);
        var enabled = (await settings.GetInventorySettingsAsync(storeHash, cancellationToken)).Enabled;
        return FlowStatusViews.From(SyncCursors.InventoryFlow, "Stock levels to BigCommerce", enabled, cursor, clock.GetUtcNow());
    }
}

public static class FlowStatusViews
{
    public static FlowStatusView From(string flow, string title, bool enabled, SyncCursor? cursor, DateTimeOffset now) =>
        new(flow, title, enabled, cursor?.LastRunAt, cursor?.LastResult,
            cursor?.RunningBy is not null && cursor.RunningUntil > now,
            cursor?.LastResult is { } result && result.StartsWith("failed", StringComparison.OrdinalIgnoreCase) ? result : null);
}
