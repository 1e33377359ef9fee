using System.ComponentModel.DataAnnotations;

namespace Connector.BigCommerce;

/// <summary>The BigCommerce app (its profile in the Developer Portal): credentials and the scopes it needs.</summary>
public sealed class BigCommerceAppOptions
{
    public const string Section = "BigCommerce";

    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>Signs the callbacks' JWTs and webhooks. In Azure a Key Vault reference, never a plain app setting.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// Scopes an install must grant: orders (modify, for the status write-back), inventory (modify) and
    /// products (read) for the inventory flow, store information (read).
    /// </summary>
    public List<string> RequiredScopes { get; set; } =
        ["store_v2_orders", "store_inventory", "store_v2_products_read_only", "store_v2_information_read_only"];
}
