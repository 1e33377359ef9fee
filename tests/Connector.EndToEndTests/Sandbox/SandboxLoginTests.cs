using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Sandbox;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>The BigCommerce login stand-in over real HTTP: installs, the token endpoint, signed_payload_jwts and callbacks.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxLoginTests
{
    private const string DefaultScope = "store_v2_orders store_v2_products store_inventory store_v2_information_read_only";

    [Fact]
    public async Task Install_calls_the_auth_callback_like_a_browser_and_the_code_buys_a_token_the_store_API_accepts()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        await using var app = await FakeBigCommerceApp.StartAsync(sandbox.BaseAddress, sandbox.Options.App.ClientId, sandbox.Options.App.ClientSecret);

        var install = await PostAsync(http, "_admin/installs", new { storeHash = "abc123", callbackUrl = app.AuthUrl, userId = 24654, userEmail = "merchant@example.com", ownerId = 12345, ownerEmail = "owner@example.com", seedOrders = 3 });

        Assert.Equal(HttpStatusCode.OK, install.Status);
        Assert.Equal(200, install.Body["callbackStatus"]!.GetValue<int>());
        Assert.Contains("Installed", install.Body["callbackBody"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("text/html", install.Body["callbackContentType"]!.GetValue<string>(), StringComparison.Ordinal);

        var callback = Assert.Single(app.Callbacks);
        Assert.Equal("/auth", callback.Path);
        Assert.Equal(install.Body["code"]!.GetValue<string>(), callback.Query["code"]);
        Assert.Equal(DefaultScope, callback.Query["scope"]);
        Assert.Equal("stores/abc123", callback.Query["context"]);
        Assert.Equal(sandbox.Options.App.AccountUuid, callback.Query["account_uuid"]);
        Assert.Contains("context=stores%2Fabc123", callback.RawQuery, StringComparison.Ordinal);
        Assert.Contains("scope=store_v2_orders+store_v2_products+store_inventory+store_v2_information_read_only", callback.RawQuery, StringComparison.Ordinal);
        Assert.Contains("text/html", callback.Accept, StringComparison.Ordinal);
        Assert.Equal("https://login.bigcommerce.com/", callback.Referer);

        var exchange = Assert.Single(app.Exchanges);
        Assert.Equal(200, exchange.Status);
        var token = JsonNode.Parse(exchange.Body)!.AsObject();
        Assert.Equal(DefaultScope, token["scope"]!.GetValue<string>());
        Assert.Equal("stores/abc123", token["context"]!.GetValue<string>());
        Assert.Equal(sandbox.Options.App.AccountUuid, token["account_uuid"]!.GetValue<string>());
        Assert.Equal(24654, token["user"]!["id"]!.GetValue<long>());
        Assert.Equal("merchant@example.com", token["user"]!["username"]!.GetValue<string>());
        Assert.Equal("merchant@example.com", token["user"]!["email"]!.GetValue<string>());
        Assert.Equal(12345, token["owner"]!["id"]!.GetValue<long>());
        Assert.Equal("owner@example.com", token["owner"]!["email"]!.GetValue<string>());

        var accessToken = token["access_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await StoreApiStatusAsync(http, "abc123", accessToken));
        Assert.Equal(3, sandbox.State.Stores.Find("abc123")!.OrderCount);
    }

    [Fact]
    public async Task A_code_buys_one_token_only_and_an_unknown_code_none()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        var code = await IssueCodeAsync(http, "reuse", "https://app.example.com/auth");

        var first = await ExchangeAsync(http, TokenBody(sandbox, code, "reuse", "https://app.example.com/auth"));
        var second = await ExchangeAsync(http, TokenBody(sandbox, code, "reuse", "https://app.example.com/auth"));
        var unknown = await ExchangeAsync(http, TokenBody(sandbox, "nosuchcode", "reuse", "https://app.example.com/auth"));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("no-store", first.CacheControl);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("invalid_grant", second.Body["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("invalid_grant", unknown.Body["error"]!.GetValue<string>());
        var stats = (await http.GetFromJsonAsync<JsonObject>("_admin/login/stats"))!;
        Assert.Equal(3, stats["tokenRequests"]!.GetValue<int>());
        Assert.Equal(1, stats["tokensIssued"]!.GetValue<int>());
        Assert.Equal(2, stats["rejected"]!["invalid_grant"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_token_endpoint_refuses_wrong_credentials_grant_type_context_redirect_uri_and_scope_without_spending_the_code()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        const string redirect = "https://app.example.com/auth";
        var code = await IssueCodeAsync(http, "strict", redirect);
        var good = TokenBody(sandbox, code, "strict", redirect);

        var wrongSecret = await ExchangeAsync(http, With(good, "client_secret", "guess"));
        var wrongClient = await ExchangeAsync(http, With(good, "client_id", "someone-else"));
        var wrongGrant = await ExchangeAsync(http, With(good, "grant_type", "client_credentials"));
        var otherContext = await ExchangeAsync(http, With(good, "context", "stores/other"));
        var otherRedirect = await ExchangeAsync(http, With(good, "redirect_uri", "https://evil.example.com/auth"));
        var otherScope = await ExchangeAsync(http, With(good, "scope", "store_v2_orders"));
        var missingCode = await ExchangeAsync(http, With(good, "code", null));

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongSecret.Status, wrongSecret.Error));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (wrongClient.Status, wrongClient.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "unsupported_grant_type"), (wrongGrant.Status, wrongGrant.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (otherContext.Status, otherContext.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (otherRedirect.Status, otherRedirect.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_scope"), (otherScope.Status, otherScope.Error));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_request"), (missingCode.Status, missingCode.Error));

        // None of that spent the code; a form-encoded exchange works like a JSON one.
        using var form = new FormUrlEncodedContent(good.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));
        using var response = await http.PostAsync(new Uri("oauth2/token", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_reinstall_issues_a_new_token_and_the_old_one_gets_401()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        const string redirect = "https://app.example.com/auth";

        var first = await ExchangeAsync(http, TokenBody(sandbox, await IssueCodeAsync(http, "again", redirect), "again", redirect));
        var oldToken = first.Body["access_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await StoreApiStatusAsync(http, "again", oldToken));
        var second = await ExchangeAsync(http, TokenBody(sandbox, await IssueCodeAsync(http, "again", redirect), "again", redirect));
        var newToken = second.Body["access_token"]!.GetValue<string>();

        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(HttpStatusCode.Unauthorized, await StoreApiStatusAsync(http, "again", oldToken));
        Assert.Equal(HttpStatusCode.OK, await StoreApiStatusAsync(http, "again", newToken));
    }

    [Fact]
    public async Task Login_faults_fail_the_token_endpoint_transiently_or_for_good()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        const string redirect = "https://app.example.com/auth";
        var body = TokenBody(sandbox, await IssueCodeAsync(http, "flaky", redirect), "flaky", redirect);

        (await http.PutAsJsonAsync("_admin/faults/login", new { errorRate = 1.0, maxFaults = 1 })).EnsureSuccessStatusCode();
        var failed = await ExchangeAsync(http, body);
        var retried = await ExchangeAsync(http, body);

        Assert.True((int)failed.Status >= 500, $"first attempt failed with 5xx, got {failed.Status}");
        Assert.Equal(HttpStatusCode.OK, retried.Status);

        (await http.PutAsJsonAsync("_admin/faults/login", new { errorRate = 1.0 })).EnsureSuccessStatusCode();
        var another = TokenBody(sandbox, await IssueCodeAsync(http, "flaky", redirect), "flaky", redirect);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((int)(await ExchangeAsync(http, another)).Status >= 500);
        }
        var faults = (await http.GetFromJsonAsync<JsonObject>("_admin/faults/login"))!;
        Assert.Equal(4, faults["injected"]!["error"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_signed_payload_jwt_carries_BigCommerce_claims_signed_HS256_with_the_client_secret()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var jwt = await MintAsync(http, new { storeHash = "z4zn3wo", userId = 9876543, userEmail = "authorized_user@example.com", ownerId = 7654321, ownerEmail = "owner@example.com" });

        Assert.Equal("HS256", jwt.Header.GetProperty("alg").GetString());
        Assert.Equal("JWT", jwt.Header.GetProperty("typ").GetString());
        Assert.True(jwt.SignedWith(sandbox.Options.App.ClientSecret), "HS256 with the client secret");
        var claims = jwt.Payload;
        Assert.Equal(new[] { "aud", "iss", "iat", "nbf", "exp", "jti", "sub", "user", "owner", "url", "channel_id" }, claims.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sandbox.Options.App.ClientId, claims.GetProperty("aud").GetString());
        Assert.Equal("bc", claims.GetProperty("iss").GetString());
        var iat = claims.GetProperty("iat").GetInt64();
        Assert.InRange(iat, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(iat, claims.GetProperty("nbf").GetInt64());
        Assert.Equal(iat + 86_400, claims.GetProperty("exp").GetInt64());
        Assert.True(Guid.TryParse(claims.GetProperty("jti").GetString(), out _));
        Assert.Equal("stores/z4zn3wo", claims.GetProperty("sub").GetString());
        Assert.Equal(9876543, claims.GetProperty("user").GetProperty("id").GetInt64());
        Assert.Equal("authorized_user@example.com", claims.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal("en-US", claims.GetProperty("user").GetProperty("locale").GetString());
        Assert.Equal(7654321, claims.GetProperty("owner").GetProperty("id").GetInt64());
        Assert.Equal("owner@example.com", claims.GetProperty("owner").GetProperty("email").GetString());
        Assert.Equal("/", claims.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, claims.GetProperty("channel_id").ValueKind);
    }

    [Fact]
    public async Task JWT_variants_decode_as_asked()
    {
        await using var sandbox = await SandboxHost.StartAsync(o => o.Stores.Clear());
        using var http = Client(sandbox);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var secret = sandbox.Options.App.ClientSecret;

        var wrongAudience = await MintAsync(http, new { storeHash = "s", audience = "another-app" });
        var expired = await MintAsync(http, new { storeHash = "s", issuedAtOffsetSeconds = -90_000 });
        var notYet = await MintAsync(http, new { storeHash = "s", notBeforeOffsetSeconds = 3_600 });
        var wrongSecret = await MintAsync(http, new { storeHash = "s", secret = "not-the-secret" });
        var unsigned = await MintAsync(http, new { storeHash = "s", alg = "none" });
        var hs512 = await MintAsync(http, new { storeHash = "s", alg = "HS512" });
        var other = await MintAsync(http, new { storeHash = "s", issuer = "someone", subject = "stores/elsewhere", lifetimeSeconds = 60 });

        Assert.Equal("another-app", wrongAudience.Payload.GetProperty("aud").GetString());
        Assert.True(wrongAudience.SignedWith(secret));
        Assert.True(expired.Payload.GetProperty("exp").GetInt64() < now, "exp in the past");
        Assert.True(notYet.Payload.GetProperty("nbf").GetInt64() > now + 3_000, "nbf an hour ahead");
        Assert.False(wrongSecret.SignedWith(secret));
        Assert.True(wrongSecret.SignedWith("not-the-secret"));
        Assert.Equal("none", unsigned.Header.GetProperty("alg").GetString());
        Assert.Equal("", unsigned.Signature);
        Assert.Equal("HS512", hs512.Header.GetProperty("alg").GetString());
        Assert.True(hs512.SignedWith(secret, "HS512"));
        Assert.Equal("someone", other.Payload.GetProperty("iss").GetString());
        Assert.Equal("stores/elsewhere", other.Payload.GetProperty("sub").GetString());
        Assert.Equal(other.Payload.GetProperty("iat").GetInt64() + 60, other.Payload.GetProperty("exp").GetInt64());
        var unsupported = await PostAsync(http, "_admin/jwt", new { storeHash = "s", alg = "RS256" });
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.Status);
    }

    [Fact]
    public async Task Callbacks_send_a_signed_payload_jwt_and_an_uninstall_revokes_the_store_token()
    {
        await using var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.Stores.Clear();
            o.Stores.Add(new StoreSeedOptions { Hash = "cb", Token = "cb-token", SeedOrders = 1 });
        });
        using var http = Client(sandbox);
        await using var app = await FakeBigCommerceApp.StartAsync(sandbox.BaseAddress, sandbox.Options.App.ClientId, sandbox.Options.App.ClientSecret);

        var load = await PostAsync(http, "_admin/callbacks", new { storeHash = "cb", kind = "load", url = new Uri(app.BaseAddress, "load").ToString(), userId = 55 });
        var removeUser = await PostAsync(http, "_admin/callbacks", new { storeHash = "cb", kind = "remove_user", url = new Uri(app.BaseAddress, "remove_user").ToString(), userId = 56 });
        Assert.Equal(HttpStatusCode.OK, await StoreApiStatusAsync(http, "cb", "cb-token"));
        var uninstall = await PostAsync(http, "_admin/callbacks", new { storeHash = "cb", kind = "uninstall", url = new Uri(app.BaseAddress, "uninstall").ToString() });

        Assert.All(new[] { load, removeUser, uninstall }, r => Assert.Equal(200, r.Body["status"]!.GetValue<int>()));
        Assert.StartsWith("application/json", load.Body["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("\"ok\":true", load.Body["body"]!.GetValue<string>(), StringComparison.Ordinal);
        var received = app.Callbacks.ToList();
        Assert.Equal(new[] { "/load", "/remove_user", "/uninstall" }, received.Select(c => c.Path));
        Assert.Equal(load.Body["jwt"]!.GetValue<string>(), received[0].Query["signed_payload_jwt"]);
        Assert.Contains("text/html", received[0].Accept, StringComparison.Ordinal);
        Assert.Equal("application/json", received[2].Accept);
        var removed = new DecodedJwt(received[1].Query["signed_payload_jwt"]);
        Assert.Equal(56, removed.Payload.GetProperty("user").GetProperty("id").GetInt64());
        Assert.True(removed.SignedWith(sandbox.Options.App.ClientSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, await StoreApiStatusAsync(http, "cb", "cb-token"));

        var unreachable = await PostAsync(http, "_admin/callbacks", new { storeHash = "cb", kind = "load", url = "http://127.0.0.1:1/load" });
        Assert.Equal(0, unreachable.Body["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(unreachable.Body["error"]!.GetValue<string>()));
    }

    private static HttpClient Client(SandboxHost sandbox) => new() { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    private static async Task<string> IssueCodeAsync(HttpClient http, string storeHash, string redirectUri)
    {
        var (status, body) = await PostAsync(http, "_admin/installs/code", new { storeHash, redirectUri });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"context=stores%2F{storeHash}", body["query"]!.GetValue<string>(), StringComparison.Ordinal);
        return body["code"]!.GetValue<string>();
    }

    private static async Task<DecodedJwt> MintAsync(HttpClient http, object request)
    {
        var (status, body) = await PostAsync(http, "_admin/jwt", request);
        Assert.Equal(HttpStatusCode.OK, status);
        return new DecodedJwt(body["jwt"]!.GetValue<string>());
    }

    private static Dictionary<string, string?> TokenBody(SandboxHost sandbox, string code, string storeHash, string redirectUri) => new()
    {
        ["client_id"] = sandbox.Options.App.ClientId,
        ["client_secret"] = sandbox.Options.App.ClientSecret,
        ["code"] = code,
        ["context"] = $"stores/{storeHash}",
        ["scope"] = DefaultScope,
        ["grant_type"] = "authorization_code",
        ["redirect_uri"] = redirectUri,
    };

    private static Dictionary<string, string?> With(Dictionary<string, string?> body, string key, string? value) => new(body) { [key] = value };

    private sealed record TokenAnswer(HttpStatusCode Status, JsonObject Body, string? CacheControl)
    {
        public string? Error => Body["error"]?.GetValue<string>();
    }

    private static async Task<TokenAnswer> ExchangeAsync(HttpClient http, Dictionary<string, string?> body)
    {
        using var response = await http.PostAsJsonAsync("oauth2/token", body);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : [];
        return new TokenAnswer(response.StatusCode, json, response.Headers.CacheControl?.ToString());
    }

    private static async Task<HttpStatusCode> StoreApiStatusAsync(HttpClient http, string storeHash, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"stores/{storeHash}/v2/order_statuses");
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Add("Accept", "application/json");
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
