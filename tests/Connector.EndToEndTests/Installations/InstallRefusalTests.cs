using System.Net;
using Connector.EndToEndTests.Infrastructure;
using Connector.Installations;

namespace Connector.EndToEndTests.Installations;

/// <summary>Install and callback requests that must be refused with a clear 4xx, leaving nothing stored.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class InstallRefusalTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Malformed_auth_callbacks_are_refused_and_nothing_is_stored()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var code = await system.Admin.IssueCodeAsync(system.StoreHash, AuthUrl(system));
        var good = code["query"]!.GetValue<string>();
        var bad = new Dictionary<string, string>
        {
            ["no parameters"] = "",
            ["no code"] = RemoveParameter(good, "code"),
            ["no scope"] = RemoveParameter(good, "scope"),
            ["no context"] = RemoveParameter(good, "context"),
            ["no account_uuid"] = RemoveParameter(good, "account_uuid"),
            ["context not a store"] = good.Replace("context=stores%2F", "context=users%2F", StringComparison.Ordinal),
            ["account_uuid not a uuid"] = ReplaceParameter(good, "account_uuid", "nope"),
            ["a code BigCommerce never issued"] = ReplaceParameter(good, "code", "forged-code"),
            ["a required scope not granted"] = ReplaceParameter(good, "scope", "store_v2_orders_read_only"),
        };

        foreach (var (why, query) in bad)
        {
            var response = await system.Connector.Http.GetAsync(new Uri($"/api/bigcommerce/auth?{query.TrimStart('?')}", UriKind.Relative));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"{why}: {(int)response.StatusCode}");
            Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        }

        await AssertNothingStoredAsync(system);
    }

    [Fact]
    public async Task A_code_used_once_cannot_install_again()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var query = (await system.Admin.IssueCodeAsync(system.StoreHash, AuthUrl(system)))["query"]!.GetValue<string>().TrimStart('?');

        var first = await system.Connector.Http.GetAsync(new Uri($"/api/bigcommerce/auth?{query}", UriKind.Relative));
        var replay = await system.Connector.Http.GetAsync(new Uri($"/api/bigcommerce/auth?{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("used already", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, HttpStatusCode> BadJwts() => new()
    {
        { "wrong signature", """{"secret":"not-the-client-secret"}""", HttpStatusCode.Unauthorized },
        { "alg none", """{"alg":"none"}""", HttpStatusCode.Unauthorized },
        { "another algorithm", """{"alg":"HS512"}""", HttpStatusCode.Unauthorized },
        { "expired", """{"issuedAtOffsetSeconds":-172800}""", HttpStatusCode.Unauthorized },
        { "not yet valid", """{"issuedAtOffsetSeconds":600}""", HttpStatusCode.Unauthorized },
        { "wrong audience", """{"audience":"another-app"}""", HttpStatusCode.Unauthorized },
        { "unknown store", """{"storeHash":"neverinstalled"}""", HttpStatusCode.NotFound },
    };

    [Theory]
    [MemberData(nameof(BadJwts))]
    public async Task Callbacks_refuse_a_bad_signed_payload_and_change_nothing(string why, string overrides, HttpStatusCode expected)
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, AuthUrl(system), userId: 900, ownerId: 900);
        var fields = System.Text.Json.Nodes.JsonNode.Parse(overrides)!.AsObject();
        fields["storeHash"] ??= system.StoreHash;
        fields["userId"] = 901;
        var jwt = await system.Admin.JwtAsync(fields);

        foreach (var callback in new[] { "load", "uninstall", "remove-user" })
        {
            var response = await system.Connector.Http.GetAsync(new Uri($"/api/bigcommerce/{callback}?signed_payload_jwt={Uri.EscapeDataString(jwt)}", UriKind.Relative));
            Assert.True(expected == response.StatusCode, $"{why} on {callback}: {(int)response.StatusCode}");
        }

        Assert.False(await system.Service<AppUsers>().ExistsAsync(system.StoreHash, 901, CancellationToken.None));
        Assert.Equal(InstallationStatus.Active, (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Garbage_instead_of_a_signed_payload_is_refused_and_an_uninstalled_store_is_gone()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.InstallAsync(system.StoreHash, AuthUrl(system));
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Connector.Http.GetAsync(new Uri("/api/bigcommerce/load?signed_payload_jwt=garbage", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Connector.Http.GetAsync(new Uri("/api/bigcommerce/load", UriKind.Relative))).StatusCode);

        await system.Admin.CallbackAsync(system.StoreHash, "uninstall", new Uri(system.Connector.BaseAddress, "api/bigcommerce/uninstall"));
        var load = await system.Admin.CallbackAsync(system.StoreHash, "load", new Uri(system.Connector.BaseAddress, "api/bigcommerce/load"));

        Assert.Equal(410, load["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_login_service_failing_briefly_is_retried_and_failing_for_good_tells_the_merchant_and_keeps_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.SetFaultsAsync("login", new { errorRate = 1.0, maxFaults = 2 });
        var brief = await system.Admin.InstallAsync(system.StoreHash, AuthUrl(system));
        Assert.Equal(200, brief["callbackStatus"]!.GetValue<int>());

        var other = "x" + system.StoreHash[1..];
        await system.Admin.SetFaultsAsync("login", new { errorRate = 1.0 });
        var lasting = await system.Admin.InstallAsync(other, AuthUrl(system));

        Assert.Equal(502, lasting["callbackStatus"]!.GetValue<int>());
        Assert.Contains("install again", lasting["callbackBody"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await system.Service<InstallationRegistry>().FindAsync(other, CancellationToken.None));
        Assert.DoesNotContain(await system.Admin.KeyVaultSecretsAsync(), s => s!["name"]!.GetValue<string>().EndsWith(other, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Key_Vault_failing_briefly_is_retried_and_failing_for_good_keeps_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        await system.Admin.SetFaultsAsync("keyvault", new { errorRate = 1.0, maxFaults = 1 });
        Assert.Equal(200, (await system.Admin.InstallAsync(system.StoreHash, AuthUrl(system)))["callbackStatus"]!.GetValue<int>());

        var other = "y" + system.StoreHash[1..];
        await system.Admin.SetFaultsAsync("keyvault", new { errorRate = 1.0 });
        var lasting = await system.Admin.InstallAsync(other, AuthUrl(system));

        Assert.Equal(503, lasting["callbackStatus"]!.GetValue<int>());
        Assert.Null(await system.Service<InstallationRegistry>().FindAsync(other, CancellationToken.None));
        await system.Admin.ClearFaultsAsync("keyvault");
        Assert.DoesNotContain(await system.Admin.KeyVaultSecretsAsync(), s => s!["name"]!.GetValue<string>().EndsWith(other, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_API_account_store_is_registered_only_with_the_admin_key_and_a_token_BigCommerce_accepts()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite, new() { ConnectStore = false });
        var token = await system.Admin.StoreTokenAsync(system.StoreHash);

        using var noKey = await system.Connector.Http.PostAsync(new Uri("/api/stores", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { storeHash = system.StoreHash, accessToken = token }));
        var badBody = await system.RegisterApiAccountAsync("NOT A HASH", token);
        var refused = await system.RegisterApiAccountAsync(system.StoreHash, "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None));

        var accepted = await system.RegisterApiAccountAsync(system.StoreHash, token);

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.DoesNotContain(token, await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ConnectionModes.ApiAccount, (await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None))!.ConnectionMode);
    }

    private static Uri AuthUrl(ConnectorSystem system) => new(system.Connector.BaseAddress, "api/bigcommerce/auth");

    private static async Task AssertNothingStoredAsync(ConnectorSystem system)
    {
        Assert.Null(await system.Service<InstallationRegistry>().FindAsync(system.StoreHash, CancellationToken.None));
        Assert.DoesNotContain(await system.Admin.KeyVaultSecretsAsync(), s => s!["name"]!.GetValue<string>().EndsWith(system.StoreHash, StringComparison.Ordinal));
        Assert.DoesNotContain(system.StoreHash, await InstallFlowTests.AllTableTextAsync(system), StringComparison.Ordinal);
    }

    private static string RemoveParameter(string query, string name) =>
        string.Join('&', query.TrimStart('?').Split('&').Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal)));

    private static string ReplaceParameter(string query, string name, string value) =>
        string.Join('&', query.TrimStart('?').Split('&').Select(p => p.StartsWith(name + "=", StringComparison.Ordinal) ? $"{name}={Uri.EscapeDataString(value)}" : p));
}
