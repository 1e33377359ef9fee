using Connector.Catalog;
using Connector.CatalogPush;
using Connector.Orders;

namespace Connector.MerchantPage;

/// <summary>The catalog push's cursor row: its last read of the back office's catalog-changes feed.</summary>
public sealed class CatalogPushFlowStatus(SyncCursors cursors, CatalogSettingsStore settings, TimeProvider clock) : IFlowStatusSource
{
    public async Task<FlowStatusView> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var cursor = await cursors.FindAsync(storeHash, CatalogPushJob.Flow, cancellationToken);
        var enabled = (await settings.GetAsync(storeHash, cancellationToken)).PushEnabled;
        return FlowStatusViews.From(CatalogPushJob.Flow, "Catalog to BigCommerce", enabled, cursor, clock.GetUtcNow());
    }
}

/// <summary>Catalog changes not written to BigCommerce (refused, with the reason) or failing and retried: from the push's attention index.</summary>
public sealed class CatalogPushAttentionSource(CatalogPushLedger ledger) : IAttentionSource
{
    public const int Shown = 20;

    public async Task<AttentionGroup> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var (entries, more) = await ledger.NeedingAttentionAsync(storeHash, Shown, cancellationToken);
        var items = entries.Select(e => new AttentionItem(
            e.Sku == CatalogPushLedger.FeedRowSku ? "The catalog-changes feed" : $"SKU {e.Sku}",
            e.Status == CatalogPushStatus.Refused ? "Not written to BigCommerce" : "Failing, retried automatically",
            e.LastError, e.LastAttemptAt)).ToList();
        return new AttentionGroup("catalog-change", "Catalog changes BigCommerce did not take",
            "A refused change is not tried again; the SKU's next change in the back office is. Fix the SKU (or the setting named) and change it again. Failing ones are retried automatically.",
            items, more);
    }
}
