using System.Net;
using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;
using Connector.Secrets;

namespace Connector.EndToEndTests.Installations;

/// <summary>
/// A signed callback someone captured cannot be played again: an uninstall or remove_user JWT acts once, and no
/// callback JWT issued before the store's latest install is honoured. Opening the app twice with one load JWT (a
/// reload of the iframe) still works.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CallbackReplayTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_captured_uninstall_replayed_after_a_reinstall_is_refused_and_the_store_stays_installed()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, Url(system, "auth"));
        var uninstall = await system.Admin.CallbackAsync(system.StoreHash, "uninstall", Url(system, "uninstall"));
        Assert.Equal(200, uninstall["status"]!.GetValue<int>());
        var captured = uninstall["jwt"]!.GetValue<string>();
        Assert.Equal(200, (await system.Admin.InstallAsync(system.StoreHash, Url(system, "auth")))["callbackStatus"]!.GetValue<int>());

        using var replay = await CallAsync(system, "uninstall", captured);

        Assert.True(replay.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError, $"replay answered {(int)replay.StatusCode}");
        Assert.Equal(InstallationStatus.Active, (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!.Status);
        var secret = (await system.Admin.KeyVaultSecretsAsync()).Single(s => s!["name"]!.GetValue<string>() == StoreTokenVault.SecretName(system.StoreHash))!;
        Assert.False(secret["deleted"]!.GetValue<bool>());
        var order = (await system.Admin.CreateOrdersAsync(system.StoreHash, 1)).Single();
        await system.RunOrderPollAsync();
        await Eventually.TrueAsync(async () => (await system.Admin.DeliveriesAsync(system.StoreHash)).Order(order) is not null,
            "the reinstalled store's order delivered", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_remove_user_acts_once()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, Url(system, "auth"), userId: 700, ownerId: 700);
        var users = system.Service<AppUsers>();
        await system.Admin.CallbackAsync(system.StoreHash, "load", Url(system, "load"), userId: 701);
        var removal = await system.Admin.CallbackAsync(system.StoreHash, "remove_user", Url(system, "remove-user"), userId: 701);
        Assert.Equal(200, removal["status"]!.GetValue<int>());
        // The owner authorizes the user again; they open the app and are provisioned anew.
        await system.Admin.CallbackAsync(system.StoreHash, "load", Url(system, "load"), userId: 701);
        Assert.True(await users.ExistsAsync(system.StoreHash, 701, CancellationToken.None));

        using var replay = await CallAsync(system, "remove-user", removal["jwt"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.True(await users.ExistsAsync(system.StoreHash, 701, CancellationToken.None));
    }

    [Fact]
    public async Task A_load_token_issued_before_the_latest_install_is_refused_and_reloading_a_fresh_one_works()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, Url(system, "auth"), userId: 700, ownerId: 700);
        var early = await system.Admin.JwtAsync(new { storeHash = system.StoreHash, userId = 700, issuedAtOffsetSeconds = -600, lifetimeSeconds = 3600 });
        var fresh = await system.Admin.JwtAsync(new { storeHash = system.StoreHash, userId = 700 });

        using var stale = await CallAsync(system, "load", early);
        using var first = await CallAsync(system, "load", fresh);
        using var reload = await CallAsync(system, "load", fresh);

        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reload.StatusCode);
    }

    private static Uri Url(ConnectorSystem system, string callback) => new(system.Connector.BaseAddress, $"api/bigcommerce/{callback}");

    private static Task<HttpResponseMessage> CallAsync(ConnectorSystem system, string callback, string jwt) =>
        system.Connector.Http.GetAsync(new Uri($"/api/bigcommerce/{callback}?signed_payload_jwt={Uri.EscapeDataString(jwt)}", UriKind.Relative));
}
