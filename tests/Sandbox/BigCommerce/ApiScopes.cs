namespace Sandbox.BigCommerce;

/// <summary>
/// Which OAuth scope a store API endpoint needs (BigCommerce's "OAuth scopes" table), so a store can be set up as if the
/// merchant never granted one: calls needing it get 403 "You don't have a required scope", the others go on.
/// </summary>
public static class ApiScopes
{
    public const string Orders = "store_v2_orders";
    public const string Products = "store_v2_products";
    public const string Inventory = "store_inventory";

    public const string MissingScopeMessage = "You don't have a required scope to access the endpoint";

    /// <summary>The scope <paramref name="endpoint"/> (e.g. "GET /v3/inventory/locations", "GET /orders/{id}") needs; null for none modelled.</summary>
    public static string? Required(string endpoint) => endpoint switch
    {
        _ when endpoint.Contains("/v3/inventory", StringComparison.Ordinal) => Inventory,
        _ when endpoint.Contains("/v3/catalog", StringComparison.Ordinal) => Products,
        _ when endpoint.Contains(" /orders", StringComparison.Ordinal) || endpoint.Contains(" /order_statuses", StringComparison.Ordinal) => Orders,
        _ => null,
    };
}
