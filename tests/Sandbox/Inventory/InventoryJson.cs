using System.Globalization;
using System.Text.Json.Nodes;
using Sandbox.Webhooks;

namespace Sandbox.Inventory;

/// <summary>The snake_case shapes of inventory.v3.yml, locations.v3.yml and the catalog specs.</summary>
public static class InventoryJson
{
    public static JsonObject List(IEnumerable<JsonNode> page, int total, InventoryQuery query)
    {
        var data = new JsonArray([.. page]);
        return new JsonObject
        {
            ["data"] = data,
            ["meta"] = new JsonObject { ["pagination"] = HookJson.Pagination(total, data.Count, query.Limit, query.Page) },
        };
    }

    public static JsonObject Identity(CatalogItem item) => new()
    {
        ["sku"] = item.Sku,
        ["variant_id"] = item.VariantId,
        ["product_id"] = item.ProductId,
        ["sku_id"] = item.TrackedBy == TrackedBy.Product ? null : item.VariantId,
    };

    public static JsonObject Location(InventoryLocation l) => new()
    {
        ["id"] = l.Id,
        ["code"] = l.Code,
        ["label"] = l.Label,
        ["description"] = "",
        ["managed_by_external_source"] = false,
        ["type_id"] = l.TypeId,
        ["enabled"] = l.Enabled,
        ["operating_hours"] = null,
        ["time_zone"] = "Etc/UTC",
        ["created_at"] = Date(l.CreatedAt),
        ["updated_at"] = Date(l.CreatedAt),
        ["address"] = null,
        ["storefront_visibility"] = true,
        ["special_hours"] = new JsonArray(),
    };

    /// <summary>ItemResponse: the item and its level at each location.</summary>
    public static JsonObject Item(CatalogItem item, IEnumerable<StoreInventory.Level> levels) => new()
    {
        ["identity"] = Identity(item),
        ["locations"] = new JsonArray([.. levels.Select(l => (JsonNode)new JsonObject
        {
            ["location_id"] = l.Location.Id,
            ["location_code"] = l.Location.Code,
            ["location_name"] = l.Location.Label,
            ["available_to_sell"] = l.Quantity,
            ["total_inventory_onhand"] = l.Quantity,
            ["location_enabled"] = l.Location.Enabled,
            ["settings"] = Settings(),
        })]),
    };

    /// <summary>LocationItemsResponse: one item's level at one location.</summary>
    public static JsonObject LocationItem(StoreInventory.Level l) => new()
    {
        ["identity"] = Identity(l.Item),
        ["available_to_sell"] = l.Quantity,
        ["total_inventory_onhand"] = l.Quantity,
        ["settings"] = Settings(),
    };

    public static JsonObject Variant(CatalogItem item, long inventoryLevel) => new()
    {
        ["id"] = item.VariantId,
        ["product_id"] = item.ProductId,
        ["sku"] = item.Sku,
        ["sku_id"] = item.TrackedBy == TrackedBy.Product ? null : item.VariantId,
        ["inventory_level"] = inventoryLevel,
        ["inventory_warning_level"] = 0,
        ["option_values"] = new JsonArray(),
    };

    /// <param name="sku">The product's own SKU: the item's for a product tracked by product, empty otherwise.</param>
    public static JsonObject Product(long id, string name, string sku, TrackedBy trackedBy, long inventoryLevel) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["type"] = "physical",
        ["sku"] = sku,
        ["inventory_tracking"] = trackedBy == TrackedBy.Product ? "product" : "variant",
        ["inventory_level"] = inventoryLevel,
        ["inventory_warning_level"] = 0,
    };

    private static JsonObject Settings() => new()
    {
        ["safety_stock"] = 0,
        ["is_in_stock"] = true,
        ["warning_level"] = 0,
        ["bin_picking_number"] = "",
    };

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
