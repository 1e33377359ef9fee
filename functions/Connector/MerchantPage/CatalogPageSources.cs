using System.Globalization;
using Connector.Catalog;
using Connector.Orders;

namespace Connector.MerchantPage;

/// <summary>
/// The catalog poll's cursor row, the initial import's progress (pages and products so far, of how many), and the last
/// deletion check.
/// </summary>
public sealed class CatalogFlowStatus(
    SyncCursors cursors, CatalogSettingsStore settings, CatalogImports imports, DeletionChecks deletionChecks, TimeProvider clock) : IFlowStatusSource
{
    public async Task<FlowStatusView> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var cursor = await cursors.FindAsync(storeHash, CatalogPollOptions.Flow, cancellationToken);
        var enabled = (await settings.GetAsync(storeHash, cancellationToken)).PullEnabled;
        var view = FlowStatusViews.From(CatalogPollOptions.Flow, "Catalog to the back office", enabled, cursor, clock.GetUtcNow());
        if (await imports.FindAsync(storeHash, cancellationToken) is not { } progress)
        {
            return view;
        }

        var check = await deletionChecks.FindAsync(storeHash, cancellationToken) is { CompletedAt: not null } done ? $". {Describe(done)}" : "";
        return view with { LastResult = $"{Describe(progress)}{check}{(view.LastResult is { } last ? $". Last run: {last}" : "")}" };
    }

    /// <summary>The last deletion check in the merchant's words.</summary>
    public static string Describe(DeletionCheckProgress check) => string.Create(CultureInfo.InvariantCulture,
        $"Last deletion check {check.CompletedAt:yyyy-MM-dd HH:mm} UTC: {check.LastChecked:N0} products compared with BigCommerce, {check.LastGone:N0} found deleted and sent as deletions");

    /// <summary>The import in the merchant's words.</summary>
    public static string Describe(CatalogImportProgress progress)
    {
        var of = progress.Total is { } total ? string.Create(CultureInfo.InvariantCulture, $" of {total:N0}") : "";
        return progress.IsComplete
            ? string.Create(CultureInfo.InvariantCulture, $"Initial import complete: {progress.Products:N0} products sent{of} in {progress.Pages:N0} pages")
            : string.Create(CultureInfo.InvariantCulture, $"Initial import under way: {progress.Products:N0}{of} products sent, {progress.Pages:N0} pages read")
              + (progress.Resumes > 0 ? string.Create(CultureInfo.InvariantCulture, $"; resumed {progress.Resumes:N0} time(s) from where it stopped") : "");
    }
}

/// <summary>Products the back office refused, or whose delivery is failing and retried: from the catalog's attention index.</summary>
public sealed class ProductAttentionSource(ProductLedger ledger) : IAttentionSource
{
    public const int Shown = 20;

    public async Task<AttentionGroup> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var (entries, more) = await ledger.NeedingAttentionAsync(storeHash, Shown, cancellationToken);
        var items = entries.Select(e => new AttentionItem(
            $"Product {long.Parse(e.RowKey, CultureInfo.InvariantCulture)}{(e.Sku is { Length: > 0 } sku ? $" ({sku})" : "")}",
            e.Status == ProductLedgerStatus.Rejected ? "Refused by the back office" : "Failing, retried automatically",
            e.LastError, e.LastAttemptAt)).ToList();
        return new AttentionGroup("product", "Products the back office did not take",
            "A refused product is sent again when it next changes in BigCommerce; fix it there or in the back office. Failing ones are retried automatically.",
            items, more);
    }
}
