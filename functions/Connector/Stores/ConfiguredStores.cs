using Connector.Orders;
using Microsoft.Extensions.Options;

namespace Connector.Stores;

/// <summary>A store connected with an API account (store hash and access token from its control panel), from settings.</summary>
public sealed class ConfiguredStore
{
    public string StoreHash { get; set; } = "";
    public string AccessToken { get; set; } = "";
    /// <summary>When the store was connected; orders created earlier are not pulled. Default: first time the connector sees it.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }
    /// <summary>Order settings used until the Settings table holds the store's own.</summary>
    public OrderSettings? Orders { get; set; }
}

public sealed class ConfiguredStoresOptions
{
    public const string Section = "Stores";

    public List<ConfiguredStore> Items { get; set; } = [];
}

public sealed class ConfiguredStores(IOptions<ConfiguredStoresOptions> options)
{
    public IReadOnlyList<ConfiguredStore> All => options.Value.Items;

    public ConfiguredStore? Find(string storeHash) =>
        options.Value.Items.FirstOrDefault(s => string.Equals(s.StoreHash, storeHash, StringComparison.Ordinal));
}
