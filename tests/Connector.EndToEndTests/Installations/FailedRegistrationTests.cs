using System.Net;
using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Secrets;

namespace Connector.EndToEndTests.Installations;

/// <summary>
/// POST /api/stores for a store that already works: a registration that fails (a token BigCommerce refuses, or the
/// right token while BigCommerce is down) leaves the store's token and installation exactly as they were, and its
/// orders keep flowing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FailedRegistrationTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_working_store_keeps_its_token()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var before = await SnapshotAsync(system);

        using var refused = await system.RegisterApiAccountAsync(system.StoreHash, "not-the-stores-token");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await SnapshotAsync(system));
        await AssertOrdersStillFlowAsync(system);
    }

    [Fact]
    public async Task A_token_without_the_orders_scope_is_refused_saying_which_scope_and_nothing_changes()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new ConnectorSystemOptions { ConnectStore = false });
        await system.Admin.DenyScopesAsync(system.StoreHash, "store_v2_orders");

        using var refused = await system.RegisterApiAccountAsync(system.StoreHash, system.Token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("store_v2_orders", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None));
    }

    [Fact]
    public async Task The_right_token_while_BigCommerce_fails_changes_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var before = await SnapshotAsync(system);
        await system.Admin.SetFaultsAsync("bigcommerce", new { errorRate = 1.0 });

        using var failed = await system.RegisterApiAccountAsync(system.StoreHash, system.Token);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        await system.Admin.ClearFaultsAsync("bigcommerce");
        Assert.Equal(before, await SnapshotAsync(system));
        await AssertOrdersStillFlowAsync(system);
    }

    /// <summary>The store's secret as the vault holds it (versions, value hash, deleted) and its Installations row, ETag included.</summary>
    private static async Task<string> SnapshotAsync(ConnectorSystem system)
    {
        var secret = (await system.Admin.KeyVaultSecretsAsync())
            .Single(s => s!["name"]!.GetValue<string>() == StoreTokenVault.SecretName(system.StoreHash))!;
        var installation = (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!;
        return $"{secret.ToJsonString()} {installation.ETag} {installation.Status} {installation.ConnectionMode} {installation.LastInstalledAt:O}";
    }

    private static async Task AssertOrdersStillFlowAsync(ConnectorSystem system)
    {
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null,
            "the store's new order delivered with its old token", Settle);
    }
}
