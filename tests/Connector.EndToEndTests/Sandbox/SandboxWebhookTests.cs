using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Sandbox;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>
/// BigCommerce's webhooks in the sandbox over real HTTP: the V3 hooks API, signed deliveries to a
/// real receiver, retries on the (scaled) schedule, deactivation, deliveryException, admin controls.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxWebhookTests
{
    private const string Hash = "hooks1";
    private const string Token = "hooks-token";

    /// <summary>BigCommerce's 48-hour schedule in under 9 seconds.</summary>
    private const double FastRetryScale = 0.00005;

    private static readonly int[] Schedule = [60, 180, 300, 600, 900, 1800, 3600, 7200, 21600, 50400, 86400];

    [Fact]
    public async Task A_subscribed_destination_receives_order_created_with_the_documented_payload_custom_headers_and_a_valid_signature()
    {
        await using var sandbox = await StartAsync();
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);

        var created = await SendAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", Token, new
        {
            scope = "store/order/created",
            destination = receiver.Url("/hooks/created"),
            is_active = true,
            headers = new Dictionary<string, string> { ["X-Custom-Auth"] = "s3cret-value" },
        });
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.NotNull(created.RateLimitLeft);
        var hook = created.Body!["data"]!.AsObject();
        var hookId = hook["id"]!.GetValue<long>();
        Assert.Equal(sandbox.Options.App.ClientId, hook["client_id"]!.GetValue<string>());
        Assert.Equal(Hash, hook["store_hash"]!.GetValue<string>());
        Assert.Equal("store/order/created", hook["scope"]!.GetValue<string>());
        Assert.Equal(receiver.Url("/hooks/created"), hook["destination"]!.GetValue<string>());
        Assert.Equal("s3cret-value", hook["headers"]!["X-Custom-Auth"]!.GetValue<string>());
        Assert.True(hook["is_active"]!.GetValue<bool>());
        Assert.True(hook["created_at"]!.GetValue<long>() > 1_700_000_000);
        Assert.Equal(hook["created_at"]!.GetValue<long>(), hook["updated_at"]!.GetValue<long>());
        Assert.Empty(created.Body!["meta"]!.AsObject());

        var orderId = (await CreateOrdersAsync(http, 1)).Single();
        var received = (await receiver.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(10))).Single();

        Assert.Equal("/hooks/created", received.Path);
        Assert.StartsWith("application/json", received.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("s3cret-value", received.Headers["X-Custom-Auth"]);
        var payload = JsonNode.Parse(received.Body)!.AsObject();
        Assert.Equal(["created_at", "store_id", "producer", "scope", "hash", "data"], payload.Select(p => p.Key).ToArray());
        Assert.Equal("store/order/created", payload["scope"]!.GetValue<string>());
        Assert.Equal($"stores/{Hash}", payload["producer"]!.GetValue<string>());
        Assert.True(long.TryParse(payload["store_id"]!.GetValue<string>(), NumberStyles.None, CultureInfo.InvariantCulture, out _));
        Assert.Equal("order", payload["data"]!["type"]!.GetValue<string>());
        Assert.Equal(orderId, payload["data"]!["id"]!.GetValue<long>());
        Assert.InRange(payload["created_at"]!.GetValue<long>(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        var dataJson = payload["data"]!.ToJsonString();
#pragma warning disable CA5350 // BigCommerce defines the hash as SHA-1.
        Assert.Equal(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(dataJson))), payload["hash"]!.GetValue<string>());
#pragma warning restore CA5350

        // Standard Webhooks, verified independently: HMAC-SHA256 keyed by the client secret's bytes.
        var id = received.Headers["webhook-id"];
        var timestamp = received.Headers["webhook-timestamp"];
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(sandbox.Options.App.ClientSecret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{received.Body}")));
        Assert.Contains(expected, received.Headers["webhook-signature"].Split(' '));

        // The admin view: one successful attempt, and the order's precise creation time for latency.
        var attempts = await WaitForAttemptsAsync(http, a => a.Count >= 1);
        var attempt = attempts.Single();
        Assert.Equal(id, attempt["eventId"]!.GetValue<string>());
        Assert.Equal(hookId, attempt["hookId"]!.GetValue<long>());
        Assert.Equal("store/order/created", attempt["scope"]!.GetValue<string>());
        Assert.Equal(orderId, attempt["orderId"]!.GetValue<long>());
        Assert.Equal(receiver.Url("/hooks/created"), attempt["destination"]!.GetValue<string>());
        Assert.Equal(1, attempt["attempt"]!.GetValue<int>());
        Assert.Equal(200, attempt["status"]!.GetValue<int>());
        Assert.True(attempt["succeeded"]!.GetValue<bool>());
        Assert.False(attempt["duplicate"]!.GetValue<bool>());
        Assert.True(attempt["durationMs"]!.GetValue<double>() >= 0);
        var order = (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{Hash}/orders/{orderId}"))!;
        var createdAt = order["createdAt"]!.GetValue<DateTimeOffset>();
        Assert.True(attempt["at"]!.GetValue<DateTimeOffset>() >= createdAt);
        Assert.InRange(received.ReceivedAt - createdAt, TimeSpan.Zero - TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_status_change_fires_updated_and_statusUpdated_other_changes_only_updated_and_the_wildcard_gets_them_all()
    {
        await using var sandbox = await StartAsync();
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);
        Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(http, "store/order/*", receiver.Url("/all"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(http, "store/order/statusUpdated", receiver.Url("/status"))).Status);

        var orderId = (await CreateOrdersAsync(http, 1, statusId: 11)).Single();
        await receiver.WaitForAsync(r => r.Count >= 1, TimeSpan.FromSeconds(10));

        // V2 PUT with a new status: updated + statusUpdated.
        var put = await SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v2/orders/{orderId}", Token, new { status_id = 2 });
        Assert.Equal(HttpStatusCode.OK, put.Status);
        await receiver.WaitForAsync(r => r.Count >= 4, TimeSpan.FromSeconds(10));
        // Admin PATCH without a status change: updated only.
        using (var patch = await http.PatchAsJsonAsync($"_admin/stores/{Hash}/orders/{orderId}", new { staffNotes = "checked" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }
        var all = await receiver.WaitForAsync(r => r.Count >= 5, TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Equal(5, receiver.Requests.Count);

        var scopes = all.Where(r => r.Path == "/all").Select(r => JsonNode.Parse(r.Body)!["scope"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["store/order/created", "store/order/statusUpdated", "store/order/updated", "store/order/updated"], scopes);
        var status = JsonNode.Parse(Assert.Single(all, r => r.Path == "/status").Body)!;
        Assert.Equal("store/order/statusUpdated", status["scope"]!.GetValue<string>());
        Assert.Equal(orderId, status["data"]!["id"]!.GetValue<long>());
        Assert.Equal(11, status["data"]!["status"]!["previous_status_id"]!.GetValue<int>());
        Assert.Equal(2, status["data"]!["status"]!["new_status_id"]!.GetValue<int>());
        // Every delivery is a message of its own.
        Assert.Equal(5, all.Select(r => r.Headers["webhook-id"]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task A_failing_destination_is_retried_with_the_same_id_on_the_scaled_schedule_then_deactivated_with_a_deliveryException_and_can_be_reactivated()
    {
        await using var sandbox = await StartAsync(FastRetryScale);
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);
        receiver.Answer("/failing", 500);
        var hookId = (await SubscribeAsync(http, "store/order/created", receiver.Url("/failing"))).Body!["data"]!["id"]!.GetValue<long>();
        var exceptionHookId = (await SubscribeAsync(http, "store/hook/deliveryException", receiver.Url("/exceptions"))).Body!["data"]!["id"]!.GetValue<long>();

        var orderId = (await CreateOrdersAsync(http, 1)).Single();
        await receiver.WaitForAsync(r => r.Any(x => x.Path == "/exceptions" && x.Body.Contains("90002", StringComparison.Ordinal)), TimeSpan.FromSeconds(40));

        var attempts = receiver.At("/failing");
        Assert.Equal(1 + Schedule.Length, attempts.Count);
        Assert.Single(attempts.Select(a => a.Headers["webhook-id"]).Distinct(StringComparer.Ordinal));
        Assert.Single(attempts.Select(a => a.Body).Distinct(StringComparer.Ordinal));
        for (var i = 0; i < Schedule.Length; i++)
        {
            var gap = attempts[i + 1].At - attempts[i].At;
            var planned = TimeSpan.FromSeconds(Schedule[i] * FastRetryScale);
            Assert.True(gap >= planned - TimeSpan.FromMilliseconds(15), $"retry {i + 1} came after {gap.TotalMilliseconds} ms, planned {planned.TotalMilliseconds} ms");
        }
        Assert.True(attempts[^1].At - attempts[0].At < TimeSpan.FromSeconds(30));

        // Deactivated as BigCommerce does it, visible in the API and in /hooks/admin.
        var hook = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks/{hookId}", Token);
        Assert.False(hook.Body!["data"]!["is_active"]!.GetValue<bool>());
        var admin = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks/admin?is_active=false", Token);
        Assert.Equal(HttpStatusCode.OK, admin.Status);
        var listed = Assert.Single(admin.Body!["data"]!["hooks_list"]!.AsArray());
        Assert.Equal(hookId, listed!["id"]!.GetValue<long>());
        Assert.Equal("deactivated", listed["status"]!.GetValue<string>());
        Assert.Empty(admin.Body!["data"]!["blocked_domains"]!.AsArray());
        Assert.NotNull(admin.Body!["data"]!["emails"]!.AsArray());

        // deliveryException: a "will retry" (90001) first, then the "disabled" (90002).
        var exceptions = receiver.At("/exceptions").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.All(exceptions, e => Assert.Equal("store/hook/deliveryException", e["scope"]!.GetValue<string>()));
        Assert.All(exceptions, e => Assert.Equal("webhook", e["data"]!["type"]!.GetValue<string>()));
        Assert.All(exceptions, e => Assert.Equal(hookId, e["data"]!["id"]!.GetValue<long>()));
        Assert.Equal(90001, exceptions[0]["data"]!["error_code"]!.GetValue<int>());
        Assert.Equal(90002, exceptions[^1]["data"]!["error_code"]!.GetValue<int>());
        Assert.True(await IsActiveAsync(http, exceptionHookId));

        var log = await WaitForAttemptsAsync(http, a => a.Count(x => x["hookId"]!.GetValue<long>() == hookId) == 12);
        var mine = log.Where(x => x["hookId"]!.GetValue<long>() == hookId).ToList();
        Assert.Equal(Enumerable.Range(1, 12), mine.Select(x => x["attempt"]!.GetValue<int>()).Order());
        Assert.All(mine, x => Assert.Equal(500, x["status"]!.GetValue<int>()));
        Assert.All(mine, x => Assert.Equal(orderId, x["orderId"]!.GetValue<long>()));

        // Nothing goes to a deactivated hook; PUT is_active=true turns it back on.
        await CreateOrdersAsync(http, 1);
        await Task.Delay(300);
        Assert.Equal(12, receiver.At("/failing").Count);
        receiver.Answer("/failing", 204);
        var reactivated = await SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v3/hooks/{hookId}", Token, new { is_active = true });
        Assert.Equal(HttpStatusCode.OK, reactivated.Status);
        Assert.True(reactivated.Body!["data"]!["is_active"]!.GetValue<bool>());
        var next = (await CreateOrdersAsync(http, 1)).Single();
        await receiver.WaitForAsync(r => r.Any(x => x.Path == "/failing" && JsonNode.Parse(x.Body)!["data"]!["id"]!.GetValue<long>() == next), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Admin_deactivation_stops_deliveries_duplicate_next_resends_with_the_same_id_and_slow_answers_time_out()
    {
        await using var sandbox = await StartAsync(retryScale: 100);
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);
        var hookId = (await SubscribeAsync(http, "store/order/created", receiver.Url("/orders"))).Body!["data"]!["id"]!.GetValue<long>();

        using (var dup = await http.PostAsJsonAsync("_admin/webhooks/duplicate-next", new { storeHash = Hash, count = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, dup.StatusCode);
        }
        await CreateOrdersAsync(http, 2);
        var got = await receiver.WaitForAsync(r => r.Count >= 3, TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        Assert.Equal(3, receiver.Requests.Count);
        var byId = got.GroupBy(r => r.Headers["webhook-id"]).ToList();
        Assert.Equal(2, byId.Count);
        var twice = Assert.Single(byId, g => g.Count() == 2);
        Assert.Single(twice.Select(r => r.Body).Distinct(StringComparer.Ordinal));
        var attempts = await WaitForAttemptsAsync(http, a => a.Count >= 3);
        Assert.Single(attempts, a => a["duplicate"]!.GetValue<bool>());

        // Slow answers are failures: a timeout, recorded as such (the retry is far away at this scale).
        using (var settings = await http.PutAsJsonAsync("_admin/webhooks/settings", new { timeoutMs = 300 }))
        {
            var body = (await settings.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(300, body["timeoutMs"]!.GetValue<int>());
            Assert.Equal(100, body["retryScale"]!.GetValue<double>());
        }
        receiver.Delay("/orders", TimeSpan.FromSeconds(3));
        var slow = (await CreateOrdersAsync(http, 1)).Single();
        var timedOut = await WaitForAttemptsAsync(http, a => a.Any(x => x["orderId"]!.GetValue<long>() == slow));
        var attempt = Assert.Single(timedOut, x => x["orderId"]!.GetValue<long>() == slow);
        Assert.Equal(0, attempt["status"]!.GetValue<int>());
        Assert.Equal("timeout", attempt["error"]!.GetValue<string>());
        Assert.False(attempt["succeeded"]!.GetValue<bool>());
        Assert.InRange(attempt["durationMs"]!.GetValue<double>(), 250, 2500);

        // Deactivated by hand: new orders are not delivered (and the pending retry would be dropped).
        using (var deactivate = await http.PostAsync(new Uri($"_admin/stores/{Hash}/webhooks/{hookId}/deactivate", UriKind.Relative), null))
        {
            var body = (await deactivate.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("deactivated", body["status"]!.GetValue<string>());
            Assert.False(body["isActive"]!.GetValue<bool>());
        }
        var before = receiver.Requests.Count;
        await CreateOrdersAsync(http, 1);
        await Task.Delay(300);
        Assert.Equal(before, receiver.Requests.Count);
        var stats = (await http.GetFromJsonAsync<JsonObject>("_admin/webhooks/stats"))!["stats"]!;
        Assert.Equal(1, stats["duplicatesSent"]!.GetValue<long>());
        Assert.Equal(1, stats["failed"]!.GetValue<long>());
    }

    [Fact]
    public async Task With_the_blocklist_on_a_mostly_failing_destination_is_blocked_reported_and_skipped()
    {
        await using var sandbox = await SandboxHost.StartAsync(o =>
        {
            o.Stores.Clear();
            o.Stores.Add(new StoreSeedOptions { Hash = Hash, Token = Token });
            o.Webhooks.RetryScale = 100;
            o.Webhooks.Blocklist = true;
            o.Webhooks.BlocklistMinRequests = 10;
        });
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        await using var monitor = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);
        receiver.Answer("/bad", 503);
        var hookId = (await SubscribeAsync(http, "store/order/created", receiver.Url("/bad"))).Body!["data"]!["id"]!.GetValue<long>();
        await SubscribeAsync(http, "store/hook/deliveryException", monitor.Url("/exceptions"));

        await CreateOrdersAsync(http, 10);
        var exceptions = await monitor.WaitForAsync(r => r.Any(x => x.Body.Contains("90003", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        var blocked = JsonNode.Parse(exceptions.First(x => x.Body.Contains("90003", StringComparison.Ordinal)).Body)!;
        Assert.Equal(hookId, blocked["data"]!["id"]!.GetValue<long>());

        var admin = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks/admin", Token);
        var domain = Assert.Single(admin.Body!["data"]!["blocked_domains"]!.AsArray())!;
        Assert.Equal(receiver.BaseAddress.Authority, domain["destination"]!.GetValue<string>());
        Assert.InRange(domain["time_left"]!.GetValue<int>(), 1, 180);
        var reason = Assert.Single(domain["reasons"]!.AsArray())!;
        Assert.Equal("HTTP 503", reason["failure_description"]!.GetValue<string>());
        Assert.Equal(10, reason["count"]!.GetValue<int>());

        // While blocked nothing is sent there: the attempt is recorded as blocked and waits for its retry.
        var next = (await CreateOrdersAsync(http, 1)).Single();
        var attempts = await WaitForAttemptsAsync(http, a => a.Any(x => x["orderId"]?.GetValue<long>() == next));
        Assert.Equal("blocked", attempts.Single(x => x["orderId"]?.GetValue<long>() == next)["error"]!.GetValue<string>());
        Assert.Equal(10, receiver.Requests.Count);
    }

    [Fact]
    public async Task Reorder_next_holds_events_and_releases_them_newest_first()
    {
        await using var sandbox = await StartAsync();
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);
        await SubscribeAsync(http, "store/order/created", receiver.Url("/orders"));

        using (var reorder = await http.PostAsJsonAsync("_admin/webhooks/reorder-next", new { storeHash = Hash, count = 3 }))
        {
            Assert.Equal(HttpStatusCode.OK, reorder.StatusCode);
        }
        var first = await CreateOrdersAsync(http, 2);
        await Task.Delay(200);
        Assert.Empty(receiver.Requests);
        var third = await CreateOrdersAsync(http, 1);
        var got = await receiver.WaitForAsync(r => r.Count >= 3, TimeSpan.FromSeconds(10));

        var ids = got.Select(r => JsonNode.Parse(r.Body)!["data"]!["id"]!.GetValue<long>()).ToArray();
        Assert.Equal(first.Concat(third).Reverse().ToArray(), ids);
    }

    [Fact]
    public async Task The_hooks_API_checks_the_token_validates_bodies_enforces_platform_limits_and_pages_lists()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        const string destination = "https://app.example.com/webhooks";

        var noToken = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks", "wrong-token");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Equal(401, noToken.Body!["status"]!.GetValue<int>());
        Assert.NotNull(noToken.Body["title"]);
        Assert.NotNull(noToken.RateLimitLeft);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, "stores/nosuchstore/v3/hooks", Token)).Status);

        Assert.Equal(HttpStatusCode.BadRequest, (await SendRawAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", "{not json")).Status);
        var missingScope = await SendAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", Token, new { destination });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingScope.Status);
        Assert.NotNull(missingScope.Body!["errors"]!["scope"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SubscribeAsync(http, "store/order/exploded", destination)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SubscribeAsync(http, "store/order/created", "http://app.example.com/webhooks")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SubscribeAsync(http, "store/order/created", "https://app.example.com:8443/webhooks")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SubscribeAsync(http, "store/order/created", "not a url")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", Token, new { scope = "store/order/created", destination, headers = new { n = 1 } })).Status);

        var first = await SubscribeAsync(http, "store/order/created", destination);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var id = first.Body!["data"]!["id"]!.GetValue<long>();
        var duplicate = await SubscribeAsync(http, "store/order/created", destination);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.Status);
        Assert.NotNull(duplicate.Body!["errors"]!["destination"]);
        Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(http, "store/order/updated", destination)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(http, "store/order/statusUpdated", "https://app.example.com/status")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", Token, new { scope = "store/order/archived", destination = "https://app.example.com/archived", is_active = false })).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SubscribeAsync(http, "store/hook/deliveryException", destination)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SubscribeAsync(http, "store/hook/deliveryException", "https://app.example.com/exceptions")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SubscribeAsync(http, "store/hook/deliveryException", "https://app.example.com/exceptions2")).Status);

        // Lists: filters and pages with V3's pagination meta.
        var page = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks?limit=2&page=2", Token);
        Assert.Equal(2, page.Body!["data"]!.AsArray().Count);
        var pagination = page.Body["meta"]!["pagination"]!;
        Assert.Equal(5, pagination["total"]!.GetValue<int>());
        Assert.Equal(2, pagination["count"]!.GetValue<int>());
        Assert.Equal(2, pagination["per_page"]!.GetValue<int>());
        Assert.Equal(2, pagination["current_page"]!.GetValue<int>());
        Assert.Equal(3, pagination["total_pages"]!.GetValue<int>());
        Assert.Equal("?page=3&limit=2", pagination["links"]!["next"]!.GetValue<string>());
        Assert.Single((await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks?is_active=false", Token)).Body!["data"]!.AsArray());
        Assert.Equal(2, (await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks?destination={Uri.EscapeDataString(destination)}", Token)).Body!["data"]!.AsArray().Count);
        Assert.Single((await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks?scope=store/order/updated", Token)).Body!["data"]!.AsArray());

        // Update, then delete (which answers the deleted hook), then 404s.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v3/hooks/{id}", Token, new { })).Status);
        var updated = await SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v3/hooks/{id}", Token, new { destination = "https://app.example.com/v2", headers = new { k = "v" } });
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("https://app.example.com/v2", updated.Body!["data"]!["destination"]!.GetValue<string>());
        Assert.Equal("v", updated.Body["data"]!["headers"]!["k"]!.GetValue<string>());
        var deleted = await SendAsync(http, HttpMethod.Delete, $"stores/{Hash}/v3/hooks/{id}", Token);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(id, deleted.Body!["data"]!["id"]!.GetValue<long>());
        var gone = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks/{id}", Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Equal($"Webhook with id [{id}] not found", gone.Body!["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Delete, $"stores/{Hash}/v3/hooks/{id}", Token)).Status);

        // Notification emails.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v3/hooks/admin", Token, new { emails = new[] { "nope" } })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Put, $"stores/{Hash}/v3/hooks/admin", Token, new { emails = new[] { "ops@example.com" } })).Status);
        var admin = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks/admin", Token);
        Assert.Equal("ops@example.com", Assert.Single(admin.Body!["data"]!["emails"]!.AsArray())!.GetValue<string>());
        Assert.Equal(4, admin.Body["data"]!["hooks_list"]!.AsArray().Count);

        var stats = (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{Hash}/stats"))!;
        Assert.True(stats["byEndpoint"]!["POST /v3/hooks"]!.GetValue<long>() >= 10);
        Assert.True(stats["unauthorized"]!.GetValue<long>() >= 1);
    }

    private static Task<SandboxHost> StartAsync(double retryScale = 1.0) => SandboxHost.StartAsync(o =>
    {
        o.Stores.Clear();
        o.Stores.Add(new StoreSeedOptions { Hash = Hash, Token = Token, SeedOrders = 0 });
        o.Webhooks.RetryScale = retryScale;
    });

    private static HttpClient Client(SandboxHost sandbox) => new() { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private sealed record Answer(HttpStatusCode Status, JsonObject? Body, string? RateLimitLeft);

    private static Task<Answer> SubscribeAsync(HttpClient http, string scope, string destination) =>
        SendAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", Token, new { scope, destination, is_active = true });

    private static async Task<Answer> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<Answer> SendRawAsync(HttpClient http, HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Auth-Token", Token);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        return await ReadAsync(response);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var left = response.Headers.TryGetValues("X-Rate-Limit-Requests-Left", out var values) ? values.First() : null;
        return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, left);
    }

    private static async Task<IReadOnlyList<long>> CreateOrdersAsync(HttpClient http, int count, int? statusId = null)
    {
        using var response = await http.PostAsJsonAsync($"_admin/stores/{Hash}/orders", new { count, statusId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["ids"]!.AsArray().Select(i => i!.GetValue<long>()).ToList();
    }

    private static async Task<bool> IsActiveAsync(HttpClient http, long hookId) =>
        (await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/hooks/{hookId}", Token)).Body!["data"]!["is_active"]!.GetValue<bool>();

    private static async Task<IReadOnlyList<JsonObject>> WaitForAttemptsAsync(HttpClient http, Func<IReadOnlyList<JsonObject>, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (true)
        {
            var attempts = (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{Hash}/webhooks/deliveries"))!.Select(a => a!.AsObject()).ToList();
            if (done(attempts) || DateTimeOffset.UtcNow > deadline)
            {
                Assert.True(done(attempts), $"{attempts.Count} attempts: {string.Join("; ", attempts.Select(a => a.ToJsonString()))}");
                return attempts;
            }
            await Task.Delay(20);
        }
    }
}
