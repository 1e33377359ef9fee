using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Secrets;
using Connector.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.EndToEndTests.Installations;

/// <summary>Merchants installing, using, uninstalling and reinstalling the app, through the whole local system.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class InstallFlowTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_installed_stores_get_their_own_orders_and_an_uninstalled_one_stops_until_it_is_reinstalled()
    {
        var logs = new CapturedLogs();
        await using var system = await ConnectorSystem.StartAsync(azurite, new()
        {
            ConnectStore = false,
            Settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Debug" },
            Configure = b => b.Logging.AddProvider(logs),
        });
        var storeA = system.StoreHash;
        var storeB = "b" + storeA[1..];
        var authUrl = new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth");

        var installA = await system.Admin.InstallAsync(storeA, authUrl);
        var installB = await system.Admin.InstallAsync(storeB, authUrl);
        Assert.Equal(200, installA["callbackStatus"]!.GetValue<int>());
        Assert.Equal(200, installB["callbackStatus"]!.GetValue<int>());
        var ordersA = await system.Admin.CreateOrdersAsync(storeA, 3);
        var ordersB = await system.Admin.CreateOrdersAsync(storeB, 2);

        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(storeA)).Accepted == 3 && (await system.Admin.DeliveriesAsync(storeB)).Accepted == 2,
            "both stores' orders delivered", Settle);
        Assert.All((await system.Admin.DeliveriesAsync(storeB)).Deliveries, d => Assert.Equal(storeB, d.StoreHash));
        Assert.Equal(ordersA.Order(), (await system.Admin.DeliveriesAsync(storeA)).Orders.Select(o => o.OrderId).Order());

        // The tokens are in the vault, and nowhere else: not in tables, logs, or what the merchant saw.
        var tokens = new[] { await system.Admin.StoreTokenAsync(storeA), await system.Admin.StoreTokenAsync(storeB) };
        var secrets = await system.Admin.KeyVaultSecretsAsync();
        foreach (var (store, token) in new[] { (storeA, tokens[0]), (storeB, tokens[1]) })
        {
            var secret = secrets.Single(s => s!["name"]!.GetValue<string>() == StoreTokenVault.SecretName(store))!;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))), secret["lastValueSha256"]!.GetValue<string>());
        }

        var everythingStored = await AllTableTextAsync(system);
        var everythingSaid = string.Join('\n', logs.Lines) + installA["callbackBody"] + installB["callbackBody"];
        Assert.NotEmpty(logs.Lines);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, everythingStored, StringComparison.Ordinal);
            Assert.DoesNotContain(token, everythingSaid, StringComparison.Ordinal);
        }

        // Store A uninstalls: its work stops, B's goes on.
        var uninstall = await system.Admin.CallbackAsync(storeA, "uninstall", new Uri(system.Connector.BaseAddress, "api/bigcommerce/uninstall"));
        Assert.Equal(200, uninstall["status"]!.GetValue<int>());
        Assert.True((await system.Admin.KeyVaultSecretsAsync()).Single(s => s!["name"]!.GetValue<string>() == StoreTokenVault.SecretName(storeA))!["deleted"]!.GetValue<bool>());
        var lateA = (await system.Admin.CreateOrdersAsync(storeA, 1)).Single();
        var lateB = (await system.Admin.CreateOrdersAsync(storeB, 1)).Single();
        await system.Admin.ResetStatsAsync();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(storeB)).Order(lateB) is not null, "store B's new order delivered", Settle);
        Assert.Equal(0, (await system.Admin.StoreStatsAsync(storeA))["requests"]!.GetValue<int>());
        Assert.Null((await system.Admin.DeliveriesAsync(storeA)).Order(lateA));

        // A reinstalls: it resumes from its watermark, so the order placed meanwhile arrives, and nothing is sent twice.
        Assert.Equal(200, (await system.Admin.InstallAsync(storeA, authUrl))["callbackStatus"]!.GetValue<int>());
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(storeA)).Order(lateA) is not null, "store A's order from while it was away delivered", Settle);
        var afterReinstall = await system.Admin.DeliveriesAsync(storeA);
        Assert.Equal(4, afterReinstall.Orders.Count);
        Assert.All(afterReinstall.Orders, o => Assert.Equal(1, o.Deliveries));
        var installation = await system.Service<InstallationRegistry>().FindAsync(storeA, CancellationToken.None);
        Assert.Equal(InstallationStatus.Active, installation!.Status);
        Assert.Equal(ConnectionModes.OAuth, installation.ConnectionMode);
    }

    [Fact]
    public async Task Opening_the_app_shows_the_stores_connection_and_sync_status()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: 501, ownerId: 501);
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Service<Connector.Orders.SyncCursors>().FindAsync(system.StoreHash, "orders", CancellationToken.None))?.LastRunAt is not null,
            "a poll ran", Settle);

        var load = await system.Admin.CallbackAsync(system.StoreHash, "load", new Uri(system.Connector.BaseAddress, "api/bigcommerce/load"), userId: 501);
        var page = await new MerchantPageClient(system.Connector.Http, system.Admin).OpenAsync(system.StoreHash, 501);

        Assert.Equal(200, load["status"]!.GetValue<int>());
        Assert.StartsWith("text/html", load["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(system.StoreHash, page.Text, StringComparison.Ordinal);
        Assert.Contains("Orders to the back office Last run: 20", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_user_loses_access_and_a_new_authorized_user_is_provisioned_on_load()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, new Uri(system.Connector.BaseAddress, "api/bigcommerce/auth"), userId: 700, ownerId: 700);
        var users = system.Service<AppUsers>();

        await system.Admin.CallbackAsync(system.StoreHash, "load", new Uri(system.Connector.BaseAddress, "api/bigcommerce/load"), userId: 701);
        Assert.True(await users.ExistsAsync(system.StoreHash, 701, CancellationToken.None));
        var removed = await system.Admin.CallbackAsync(system.StoreHash, "remove_user", new Uri(system.Connector.BaseAddress, "api/bigcommerce/remove-user"), userId: 701);

        Assert.Equal(200, removed["status"]!.GetValue<int>());
        Assert.False(await users.ExistsAsync(system.StoreHash, 701, CancellationToken.None));
        Assert.True(await users.ExistsAsync(system.StoreHash, 700, CancellationToken.None));
    }

    /// <summary>Every property value of every connector table, as one text to search.</summary>
    internal static async Task<string> AllTableTextAsync(ConnectorSystem system)
    {
        var text = new StringBuilder();
        foreach (var name in TableNames.All)
        {
            await foreach (var entity in system.Table(name).QueryAsync<TableEntity>())
            {
                foreach (var (_, value) in entity)
                {
                    text.Append(value).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
