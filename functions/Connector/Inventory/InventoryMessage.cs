namespace Connector.Inventory;

/// <summary>One SKU to push: its quantities per BigCommerce location, and when the scan read them (newest wins).</summary>
public sealed record InventoryMessage(
    string StoreHash, string Sku, IReadOnlyDictionary<long, int> Quantities, DateTimeOffset ReadAt, string CorrelationId, bool Force = false);
