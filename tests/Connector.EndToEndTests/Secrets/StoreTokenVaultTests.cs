using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Connector.EndToEndTests.Sandbox;
using Connector.Secrets;
using Microsoft.Extensions.Options;
using Sandbox;

namespace Connector.EndToEndTests.Secrets;

/// <summary>The store token cache in front of the sandbox's Key Vault, through the real SecretClient over HTTPS.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class StoreTokenVaultTests
{
    private const string Store = "crowd1";
    private const string Token = "crowd1-token";

    [Fact]
    public async Task Many_simultaneous_misses_for_one_store_read_the_vault_once()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = new HttpClient { BaseAddress = sandbox.BaseAddress };
        (await admin.PutAsJsonAsync($"_admin/keyvault/secrets/{StoreTokenVault.SecretName(Store)}", new { value = Token })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"_admin/keyvault/secrets/{StoreTokenVault.SecretName("warm1")}", new { value = "warm" })).EnsureSuccessStatusCode();
        var vault = new StoreTokenVault(SandboxSecretClients.Create(sandbox), Options.Create(new Connector.Secrets.KeyVaultOptions { Uri = sandbox.KeyVaultUri }), TimeProvider.System);
        // The client's first call answers Key Vault's bearer challenge; done here, so the count below is only reads.
        await vault.GetAccessTokenAsync("warm1", CancellationToken.None);
        (await admin.PutAsJsonAsync("_admin/faults/keyvault", new { latencyMs = 300 })).EnsureSuccessStatusCode();
        var before = await SecretReadsAsync(admin);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => vault.GetAccessTokenAsync(Store, CancellationToken.None).AsTask()));

        Assert.All(tokens, t => Assert.Equal(Token, t));
        Assert.Equal(1, await SecretReadsAsync(admin) - before);
    }

    [Fact]
    public async Task A_token_replaced_while_a_read_is_under_way_is_read_again_after_forget()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var name = StoreTokenVault.SecretName(Store);
        (await admin.PutAsJsonAsync($"_admin/keyvault/secrets/{name}", new { value = "old-token" })).EnsureSuccessStatusCode();
        var vault = new StoreTokenVault(SandboxSecretClients.Create(sandbox), Options.Create(new Connector.Secrets.KeyVaultOptions { Uri = sandbox.KeyVaultUri }), TimeProvider.System);
        await vault.GetAccessTokenAsync(Store, CancellationToken.None);
        vault.Forget(Store);
        (await admin.PutAsJsonAsync("_admin/faults/keyvault", new { latencyMs = 300 })).EnsureSuccessStatusCode();

        var stale = vault.GetAccessTokenAsync(Store, CancellationToken.None).AsTask();
        (await admin.PutAsJsonAsync($"_admin/keyvault/secrets/{name}", new { value = "new-token" })).EnsureSuccessStatusCode();
        vault.Forget(Store); // a 401 with the old token: the caller wants the current one
        var current = await vault.GetAccessTokenAsync(Store, CancellationToken.None);
        await stale;

        Assert.Equal("new-token", current);
        Assert.Equal("new-token", await vault.GetAccessTokenAsync(Store, CancellationToken.None));
    }

    private static async Task<long> SecretReadsAsync(HttpClient admin)
    {
        var stats = await admin.GetFromJsonAsync<JsonObject>("_admin/keyvault/stats");
        return stats!["byEndpoint"]!["GET /secrets/{name}"]!.GetValue<long>() + stats["byEndpoint"]!["GET /secrets/{name}/{version}"]!.GetValue<long>();
    }
}
