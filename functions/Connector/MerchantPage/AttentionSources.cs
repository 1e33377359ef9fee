using Connector.Inventory;

namespace Connector.MerchantPage;

/// <summary>One thing that went wrong, as the page lists it: what, its state in words, why, and when.</summary>
public sealed record AttentionItem(string Subject, string State, string? Reason, DateTimeOffset? At);

/// <summary>A kind of thing needing attention besides orders (which have their own list and retry buttons).</summary>
public sealed record AttentionGroup(string Kind, string Title, string WhatToDo, IReadOnlyList<AttentionItem> Items, bool More);

/// <summary>
/// The extension point for "what needs attention" beyond orders: each registered source adds one list, in registration
/// order. Inventory registers its SKUs here; a new flow (shipments) registers its own refused or failing items.
/// </summary>
public interface IAttentionSource
{
    /// <summary>At most a page of items, read from an index of that flow's problems: never a scan of its whole ledger.</summary>
    Task<AttentionGroup> ReadAsync(string storeHash, CancellationToken cancellationToken);
}

/// <summary>SKUs BigCommerce refused (unknown to it) or whose writes keep failing.</summary>
public sealed class SkuAttentionSource(SkuAttentionIndex index, InventoryLedger ledger) : IAttentionSource
{
    public const int Shown = 20;

    public async Task<AttentionGroup> ReadAsync(string storeHash, CancellationToken cancellationToken)
    {
        var (skus, more) = await index.ListAsync(storeHash, Shown, cancellationToken);
        var entries = await Task.WhenAll(skus.Select(sku => ledger.FindAsync(storeHash, sku, cancellationToken)));
        var items = new List<AttentionItem>();
        for (var i = 0; i < skus.Count; i++)
        {
            if (entries[i] is { } entry && SkuAttentionIndex.NeedsAttention(entry.Status))
            {
                items.Add(new AttentionItem(entry.Sku, StateOf(entry.StatusValue), entry.LastError, entry.Timestamp));
            }
            else
            {
                await index.RemoveAsync(storeHash, skus[i], cancellationToken);
            }
        }

        return new AttentionGroup("sku", "Stock levels BigCommerce did not take",
            "Fix the SKU in BigCommerce or in the back office; a SKU BigCommerce does not know is tried again when its quantity changes, or at once with \"Push all stock again\" (Settings).",
            items, more);
    }

    private static string StateOf(InventoryStatus status) => status switch
    {
        InventoryStatus.UnknownSku => "BigCommerce does not know this SKU",
        InventoryStatus.Failing => "Failing, retried automatically",
        _ => status.ToString(),
    };
}
