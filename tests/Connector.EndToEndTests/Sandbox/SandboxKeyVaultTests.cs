using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Connector.EndToEndTests.Infrastructure;
using Sandbox;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>The Key Vault stand-in driven by the real SecretClient over HTTPS, pinned to the sandbox's certificate.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxKeyVaultTests
{
    [Fact]
    public async Task SecretClient_sets_gets_and_lists_versions_and_the_admin_view_shows_no_value()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = AdminClient(sandbox);
        var client = SandboxSecretClients.Create(sandbox);

        KeyVaultSecret first = await client.SetSecretAsync(new KeyVaultSecret("store-token-abc", "token-one")
        {
            Properties = { ContentType = "text/plain", Tags = { ["storeHash"] = "abc" } },
        });
        KeyVaultSecret second = await client.SetSecretAsync("store-token-abc", "token-two");
        KeyVaultSecret latest = await client.GetSecretAsync("store-token-abc");
        KeyVaultSecret old = await client.GetSecretAsync("store-token-abc", first.Properties.Version);

        Assert.Equal("token-two", latest.Value);
        Assert.Equal(second.Properties.Version, latest.Properties.Version);
        Assert.Equal("token-one", old.Value);
        Assert.Equal("text/plain", old.Properties.ContentType);
        Assert.Equal("abc", old.Properties.Tags["storeHash"]);
        Assert.Equal(new Uri(sandbox.KeyVaultUri, $"secrets/store-token-abc/{first.Properties.Version}"), first.Id);
        Assert.True(first.Properties.Enabled);
        Assert.NotNull(first.Properties.CreatedOn);
        var versions = new List<SecretProperties>();
        await foreach (var version in client.GetPropertiesOfSecretVersionsAsync("store-token-abc"))
        {
            versions.Add(version);
        }
        Assert.Equal(new[] { first.Properties.Version, second.Properties.Version }.Order(), versions.Select(v => v.Version).Order());
        var names = new List<string>();
        await foreach (var secret in client.GetPropertiesOfSecretsAsync())
        {
            names.Add(secret.Name);
        }
        Assert.Equal(new[] { "store-token-abc" }, names);
        await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("never-set"));

        var listing = await admin.GetStringAsync(new Uri("_admin/keyvault/secrets", UriKind.Relative));
        Assert.DoesNotContain("token-two", listing, StringComparison.Ordinal);
        var entry = Assert.Single(JsonNode.Parse(listing)!.AsArray())!;
        Assert.Equal("store-token-abc", entry["name"]!.GetValue<string>());
        Assert.False(entry["deleted"]!.GetValue<bool>());
        Assert.Equal(2, entry["versions"]!.GetValue<int>());
        Assert.Equal(Sha256("token-two"), entry["lastValueSha256"]!.GetValue<string>());
        Assert.Equal("token-two", (await admin.GetFromJsonAsync<JsonObject>("_admin/keyvault/secrets/store-token-abc/value"))!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_completes_a_set_on_the_deleted_name_is_409_and_recover_brings_it_back()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = AdminClient(sandbox);
        var client = SandboxSecretClients.Create(sandbox);
        await client.SetSecretAsync("gone-soon", "value-1");

        var delete = await client.StartDeleteSecretAsync("gone-soon");
        DeletedSecret deleted = await delete.WaitForCompletionAsync();

        Assert.True(delete.HasCompleted);
        Assert.Equal("gone-soon", deleted.Name);
        Assert.NotNull(deleted.RecoveryId);
        Assert.NotNull(deleted.DeletedOn);
        Assert.Equal(deleted.DeletedOn!.Value.AddDays(90), deleted.ScheduledPurgeDate);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("gone-soon"));
        Assert.Equal(404, missing.Status);
        Assert.Equal("SecretNotFound", missing.ErrorCode);
        Assert.Equal("gone-soon", (await client.GetDeletedSecretAsync("gone-soon")).Value.Name);
        var adminEntry = Assert.Single((await admin.GetFromJsonAsync<JsonArray>("_admin/keyvault/secrets"))!)!;
        Assert.True(adminEntry["deleted"]!.GetValue<bool>());

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync("gone-soon", "value-2"));
        Assert.Equal(409, conflict.Status);
        Assert.Equal("Conflict", conflict.ErrorCode);
        Assert.Contains("ObjectIsDeletedButRecoverable", conflict.Message, StringComparison.Ordinal);

        var recover = await client.StartRecoverDeletedSecretAsync("gone-soon");
        SecretProperties recovered = await recover.WaitForCompletionAsync();
        Assert.Equal("gone-soon", recovered.Name);
        Assert.Equal("value-1", (await client.GetSecretAsync("gone-soon")).Value.Value);
        KeyVaultSecret again = await client.SetSecretAsync("gone-soon", "value-2");
        Assert.Equal("value-2", again.Value);
        await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync("gone-soon"));
    }

    [Fact]
    public async Task Purge_is_forbidden_under_purge_protection_and_frees_the_name_without_it()
    {
        await using (var protectedVault = await SandboxHost.StartAsync(o => o.Stores.Clear()))
        {
            var client = SandboxSecretClients.Create(protectedVault);
            await client.SetSecretAsync("keep", "v");
            await (await client.StartDeleteSecretAsync("keep")).WaitForCompletionAsync();

            var forbidden = await Assert.ThrowsAsync<RequestFailedException>(() => client.PurgeDeletedSecretAsync("keep"));

            Assert.Equal(403, forbidden.Status);
            Assert.Equal("Forbidden", forbidden.ErrorCode);
            Assert.Contains("is not enabled for this vault", forbidden.Message, StringComparison.Ordinal);
            Assert.Equal("keep", (await client.GetDeletedSecretAsync("keep")).Value.Name);
        }

        await using var purgeable = await SandboxHost.StartAsync(o =>
        {
            o.Stores.Clear();
            o.KeyVault.PurgeProtection = false;
        });
        var purging = SandboxSecretClients.Create(purgeable);
        await purging.SetSecretAsync("drop", "v1");
        await (await purging.StartDeleteSecretAsync("drop")).WaitForCompletionAsync();
        var purged = await purging.PurgeDeletedSecretAsync("drop");
        Assert.Equal(204, purged.Status);
        Assert.Equal("v2", (await purging.SetSecretAsync("drop", "v2")).Value.Value);
    }

    [Fact]
    public async Task Requests_without_a_token_get_the_bearer_challenge_which_SecretClient_answers_by_itself()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = AdminClient(sandbox);

        using (var raw = PinnedHttpClient(sandbox))
        {
            using var response = await raw.GetAsync(new Uri(sandbox.KeyVaultUri, "secrets/anything?api-version=7.6"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(
                "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"",
                response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("Unauthorized", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
        }
        (await admin.PostAsync(new Uri("_admin/stats/reset", UriKind.Relative), null)).EnsureSuccessStatusCode();

        // SecretClient caches challenges per host:port for the process; "localhost" keeps this
        // one from meeting a cached challenge of an earlier sandbox that had the same port.
        var viaLocalhost = new UriBuilder(sandbox.KeyVaultUri) { Host = "localhost" }.Uri;
        var client = SandboxSecretClients.Create(sandbox, vaultUri: viaLocalhost);
        await client.SetSecretAsync("challenged", "value");

        var stats = (await admin.GetFromJsonAsync<JsonObject>("_admin/keyvault/stats"))!;
        Assert.Equal(1, stats["unauthorized"]!.GetValue<int>());
        Assert.Equal(2, stats["byEndpoint"]!["PUT /secrets/{name}"]!.GetValue<int>());
        Assert.Equal(2, stats["requests"]!.GetValue<int>());

        var wrong = SandboxSecretClients.Create(sandbox, token: "not-the-vault-token");
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => wrong.GetSecretAsync("challenged"));
        Assert.Equal(401, refused.Status);
        Assert.Equal("Unauthorized", refused.ErrorCode);
    }

    [Fact]
    public async Task Each_listener_serves_only_its_own_routes_and_the_certificate_is_published_for_pinning()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = AdminClient(sandbox);
        using var vault = PinnedHttpClient(sandbox);

        using var vaultOnHttp = await admin.GetAsync(new Uri("secrets", UriKind.Relative));
        using var adminOnHttps = await vault.GetAsync(new Uri(sandbox.KeyVaultUri, "_admin/health"));
        var certificate = (await admin.GetFromJsonAsync<JsonObject>("_admin/keyvault/certificate"))!;

        Assert.Equal(HttpStatusCode.NotFound, vaultOnHttp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, adminOnHttps.StatusCode);
        Assert.Equal(Uri.UriSchemeHttps, sandbox.KeyVaultUri.Scheme);
        Assert.Equal(sandbox.KeyVaultCertificate.GetCertHashString(HashAlgorithmName.SHA256), certificate["thumbprintSha256"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(sandbox.KeyVaultUri.ToString(), certificate["vaultUri"]!.GetValue<string>());
        using var fromPem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(certificate["pem"]!.GetValue<string>());
        Assert.Equal(sandbox.KeyVaultCertificate.Thumbprint, fromPem.Thumbprint);
    }

    [Fact]
    public async Task Invalid_names_are_BadParameter_and_transient_vault_faults_are_retried_by_SecretClient()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var admin = AdminClient(sandbox);
        var client = SandboxSecretClients.Create(sandbox);
        await client.SetSecretAsync("warm-up", "v");

        var invalid = await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync("not_valid", "v"));
        Assert.Equal(400, invalid.Status);
        Assert.Equal("BadParameter", invalid.ErrorCode);

        (await admin.PutAsJsonAsync("_admin/faults/keyvault", new { errorRate = 1.0, maxFaults = 2 })).EnsureSuccessStatusCode();
        KeyVaultSecret afterFaults = await client.SetSecretAsync("resilient", "value");
        Assert.Equal("value", afterFaults.Value);
        var stats = (await admin.GetFromJsonAsync<JsonObject>("_admin/keyvault/stats"))!;
        Assert.Equal(2, stats["injectedFaults"]!["error"]!.GetValue<int>());

        (await admin.PutAsJsonAsync("_admin/faults/keyvault", new { errorRate = 1.0 })).EnsureSuccessStatusCode();
        var down = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("resilient"));
        Assert.True(down.Status >= 500);
    }

    private static HttpClient AdminClient(SandboxHost sandbox) => new() { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static HttpClient PinnedHttpClient(SandboxHost sandbox)
    {
        var pinned = sandbox.KeyVaultCertificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                string.Equals(certificate?.GetCertHashString(HashAlgorithmName.SHA256), pinned, StringComparison.OrdinalIgnoreCase),
        }, disposeHandler: true);
    }

    private static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
