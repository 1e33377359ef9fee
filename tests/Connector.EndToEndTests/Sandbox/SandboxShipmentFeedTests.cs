using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Sandbox;
using static Connector.EndToEndTests.Sandbox.SandboxInventoryApi;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>
/// The back office's signed shipments/cancellations feed over real HTTP (append-only log, cursor that
/// always points where the next run resumes, has_more, refusals, each corruption mode) and its push
/// to a connector's endpoint, received here by a small stand-in connector.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxShipmentFeedTests
{
    private const string Store = "shp1";

    [Fact]
    public async Task The_log_is_paged_with_has_more_and_a_saved_cursor_resumes_with_records_appended_later()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);

        // An empty feed still answers a cursor: the start, from which the first records will be read.
        var empty = await ReadAsync(http, sandbox);
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Empty(empty.Body!["records"]!.AsArray());
        Assert.False(empty.Body!["has_more"]!.GetValue<bool>());
        var start = empty.Body!["next_cursor"]!.GetValue<string>();

        Assert.Equal((5, 5), await admin.AppendBackOfficeShipmentsAsync(Store, [.. Enumerable.Range(1, 4).Select(n =>
            SandboxAdmin.ShipmentRecord(Store, $"SHP-{n}", 100 + n, items: [("MUG-GRY", n)], trackingNumber: $"1Z{n}", carrier: "ups")),
            SandboxAdmin.CancellationRecord(Store, "CAN-1", 200, reason: "Customer asked")]));

        var ids = new List<string>();
        var cursor = start;
        var hasMore = new List<bool>();
        do
        {
            var page = await ReadAsync(http, sandbox, cursor, limit: 2);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            ids.AddRange(page.Body!["records"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
            hasMore.Add(page.Body!["has_more"]!.GetValue<bool>());
            cursor = page.Body!["next_cursor"]!.GetValue<string>();
        }
        while (hasMore[^1]);

        Assert.Equal(["SHP-1", "SHP-2", "SHP-3", "SHP-4", "CAN-1"], ids);
        Assert.Equal([true, true, false], hasMore);

        // At the end: nothing, and the same cursor back, so a run with nothing new doesn't lose its place.
        var atEnd = await ReadAsync(http, sandbox, cursor);
        Assert.Empty(atEnd.Body!["records"]!.AsArray());
        Assert.Equal(cursor, atEnd.Body!["next_cursor"]!.GetValue<string>());
        Assert.False(atEnd.Body!["has_more"]!.GetValue<bool>());

        await admin.AppendBackOfficeShipmentsAsync(Store,
            SandboxAdmin.ShipmentRecord(Store, "SHP-5", 105, orderProductItems: [(55, 2)]),
            SandboxAdmin.ShipmentRecord(Store, "SHP-6", 106, items: [("POSTER-A2", 1)]));
        var resumed = await ReadAsync(http, sandbox, cursor);
        Assert.Equal(["SHP-5", "SHP-6"], resumed.Body!["records"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Equal(55, resumed.Body!["records"]![0]!["items"]![0]!["order_product_id"]!.GetValue<long>());
        Assert.False(resumed.Body!["has_more"]!.GetValue<bool>());

        // The start cursor of the empty feed reads the log from its beginning; no cursor is the same place.
        Assert.Equal("SHP-1", (await ReadAsync(http, sandbox, start, limit: 1)).Body!["records"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(7, (await ReadAsync(http, sandbox)).Body!["records"]!.AsArray().Count);

        var stats = await admin.ShipmentFeedStatsAsync(Store);
        Assert.Equal(8, stats["requests"]!.GetValue<long>());
        Assert.Equal(8, stats["pages"]!.GetValue<long>());
        Assert.Equal(5 + 2 + 1 + 7, stats["records"]!.GetValue<long>());
    }

    [Fact]
    public async Task Records_are_served_exactly_as_appended_even_malformed_or_for_another_store()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        var valid = SandboxAdmin.ShipmentRecord(Store, "SHP-1001", 101, items: [("MUG-GRY", 1)], trackingNumber: "1Z999AA10123456784", carrier: "ups",
            orderProductItems: [(55, 2)], shippingMethod: "Ground", location: "main", shippedAt: new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
        var malformed = new JsonObject { ["type"] = "shipment", ["id"] = "BAD-1", ["order_id"] = "not a number", ["items"] = new JsonArray() };
        await admin.AppendBackOfficeShipmentsAsync(Store, valid, malformed, new { Type = "cancellation", Id = "CAN-X", StoreHash = "other", OrderId = 7 });

        var page = await ReadAsync(http, sandbox);
        var records = page.Body!["records"]!.AsArray();

        // As served, byte for byte (the sandbox doesn't escape '+' in offsets).
        Assert.Contains(
            """{"type":"shipment","id":"SHP-1001","store_hash":"shp1","order_id":101,"items":[{"sku":"MUG-GRY","quantity":1},{"order_product_id":55,"quantity":2}],"tracking_number":"1Z999AA10123456784","carrier":"ups","shipping_method":"Ground","shipped_at":"2026-11-29T10:00:00+00:00","location":"main"}""",
            page.Text, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(valid, records[0]));
        Assert.True(JsonNode.DeepEquals(malformed, records[1]));
        Assert.Equal("""{"type":"cancellation","id":"CAN-X","store_hash":"other","order_id":7}""", records[2]!.ToJsonString());
        Assert.Equal(3, (await admin.BackOfficeShipmentsAsync(Store)).Count);
        Assert.Empty(await admin.BackOfficeShipmentsAsync("other"));
    }

    [Fact]
    public async Task A_wrong_or_missing_signature_is_401_and_bad_queries_are_400()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        await admin.AppendBackOfficeShipmentsAsync(Store, SandboxAdmin.CancellationRecord(Store, "CAN-1", 1));

        var unsigned = await ReadAsync(http, sandbox, signature: "");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.Status);
        Assert.Equal("application/problem+json", unsigned.ContentType);
        var wrong = await ReadAsync(http, sandbox, signature: "sha256=" + new string('0', 64));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        // Signed for another target (the limit added after signing): refused too.
        var target = $"/backoffice/shipments?store={Store}";
        var replayed = await ReadAsync(http, sandbox, limit: 1, signature: Sign(sandbox, target));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.Status);

        Assert.Equal(HttpStatusCode.BadRequest, (await ReadAsync(http, sandbox, store: null)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ReadAsync(http, sandbox, limit: 0)).Status);
        var badCursor = await ReadAsync(http, sandbox, cursor: "not-a-cursor");
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.Status);
        Assert.Equal("Invalid cursor", badCursor.Body!["title"]!.GetValue<string>());
        // A cursor past the end of the log (read from a longer log, or before a reset) is not one this log issued.
        await admin.AppendBackOfficeShipmentsAsync("longer", Enumerable.Range(1, 3).Select(n => (object)SandboxAdmin.CancellationRecord("longer", $"C{n}", n)).ToArray());
        var far = (await ReadAsync(http, sandbox, store: "longer")).Body!["next_cursor"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.BadRequest, (await ReadAsync(http, sandbox, cursor: far)).Status);

        var limited = await ReadAsync(http, sandbox, limit: 100_000);
        Assert.Equal(HttpStatusCode.OK, limited.Status);

        var stats = await admin.ShipmentFeedStatsAsync(Store);
        Assert.Equal(3, stats["invalidSignature"]!.GetValue<long>());
        Assert.Equal(3, stats["invalidRequests"]!.GetValue<long>());
        Assert.Equal(1, stats["pages"]!.GetValue<long>());
        Assert.Equal(7, stats["requests"]!.GetValue<long>());
        // The back office's summary carries the same counts.
        var summary = await http.GetFromJsonAsync<JsonObject>($"backoffice/_admin/deliveries?store={Store}");
        Assert.Equal(3, summary!["shipments"]!["invalidSignature"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_failing_page_answers_500_as_many_times_as_asked_then_recovers_and_only_its_page_is_hit()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        await AppendAsync(admin, 4);
        await admin.SetShipmentFeedCorruptionAsync("fail-page", page: 2, remaining: 1);

        var first = await ReadAsync(http, sandbox, limit: 2);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var cursor = first.Body!["next_cursor"]!.GetValue<string>();
        var failed = await ReadAsync(http, sandbox, cursor, limit: 2);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("application/problem+json", failed.ContentType);
        var retried = await ReadAsync(http, sandbox, cursor, limit: 2);
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal("SHP-3", retried.Body!["records"]![0]!["id"]!.GetValue<string>());

        using var corruption = await http.GetFromJsonAsync<JsonDocument>("_admin/backoffice/shipments/corruption");
        Assert.Equal(0, corruption!.RootElement.GetProperty("remaining").GetInt32());
    }

    [Theory]
    [InlineData("malformed-page")]
    [InlineData("missing-field")]
    [InlineData("duplicate-row")]
    public async Task A_corrupted_page_is_served_as_asked_once_then_clean(string kind)
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        await AppendAsync(admin, 3);
        var clean = await ReadAsync(http, sandbox);
        await admin.SetShipmentFeedCorruptionAsync(kind, page: 1, remaining: 1);

        var page = await ReadAsync(http, sandbox);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        switch (kind)
        {
            case "malformed-page":
                Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(page.Text));
                break;
            case "missing-field":
                var records = page.Body!["records"]!.AsArray();
                Assert.Equal(3, records.Count);
                Assert.False(records[0]!.AsObject().ContainsKey("order_id"));
                Assert.True(records[1]!.AsObject().ContainsKey("order_id"));
                Assert.Equal(clean.Body!["next_cursor"]!.GetValue<string>(), page.Body!["next_cursor"]!.GetValue<string>());
                break;
            default:
                var rows = page.Body!["records"]!.AsArray();
                Assert.Equal(["SHP-1", "SHP-1", "SHP-2", "SHP-3"], rows.Select(r => r!["id"]!.GetValue<string>()));
                Assert.True(JsonNode.DeepEquals(rows[0], rows[1]));
                Assert.Equal(clean.Body!["next_cursor"]!.GetValue<string>(), page.Body!["next_cursor"]!.GetValue<string>());
                break;
        }

        // Served once, as asked; the log itself was never touched.
        var after = await ReadAsync(http, sandbox);
        Assert.True(JsonNode.DeepEquals(clean.Body, after.Body));
        Assert.True(JsonNode.DeepEquals(clean.Body!["records"], await admin.BackOfficeShipmentsAsync(Store)));
    }

    [Fact]
    public async Task Injected_back_office_faults_hit_the_feed_but_not_its_admin()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        await admin.SetFaultsAsync("backoffice", new { errorRate = 1.0, maxFaults = 1 });

        await AppendAsync(admin, 1);
        var faulted = await ReadAsync(http, sandbox);
        Assert.True((int)faulted.Status >= 500, $"Expected an injected 5xx, got {(int)faulted.Status}.");
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(http, sandbox)).Status);
    }

    [Fact]
    public async Task Reset_empties_the_log_its_corruption_and_its_counts()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        await AppendAsync(admin, 2);
        await admin.SetShipmentFeedCorruptionAsync("fail-page");
        Assert.Equal(HttpStatusCode.InternalServerError, (await ReadAsync(http, sandbox)).Status);

        using (var reset = await http.PostAsync("_admin/reset", null))
        {
            reset.EnsureSuccessStatusCode();
        }

        Assert.Empty(await admin.BackOfficeShipmentsAsync(Store));
        Assert.Equal(0, (await admin.ShipmentFeedStatsAsync())["requests"]!.GetValue<long>());
        var page = await ReadAsync(http, sandbox);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Body!["records"]!.AsArray());

        await AppendAsync(admin, 1);
        using (var reset = await http.PostAsync("backoffice/_admin/reset", null))
        {
            reset.EnsureSuccessStatusCode();
        }
        Assert.Empty(await admin.BackOfficeShipmentsAsync(Store));
    }

    [Fact]
    public async Task A_push_posts_the_records_signed_over_the_raw_body_and_answers_what_the_connector_said()
    {
        await using var sandbox = await StartAsync();
        await using var connector = await SandboxPushReceiver.StartAsync(sandbox.Options.BackOffice.SigningSecret);
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        JsonObject[] records =
        [
            SandboxAdmin.ShipmentRecord(Store, "SHP-1", 101, items: [("MUG-GRY", 1)], trackingNumber: "1Z1", carrier: "ups"),
            SandboxAdmin.CancellationRecord(Store, "CAN-1", 102, reason: "Customer asked — «vite»"),
        ];

        var valid = await admin.PushShipmentsAsync(connector.Url, records);
        var bad = await admin.PushShipmentsAsync(connector.Url, records, "bad");
        var none = await admin.PushShipmentsAsync(connector.Url, records, "none");

        Assert.Equal((202, """{"queued":2}"""), valid);
        Assert.Equal(401, bad.Status);
        Assert.Contains("Invalid signature", bad.Body, StringComparison.Ordinal);
        Assert.Equal(401, none.Status);

        var received = connector.Requests.ToList();
        Assert.Equal(3, received.Count);
        var body = JsonNode.Parse(received[0].Body)!.AsObject();
        Assert.Equal(["records"], body.Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(new JsonArray([.. records.Select(r => r.DeepClone())]), body["records"]));
        Assert.StartsWith("application/json", received[0].ContentType, StringComparison.Ordinal);
        Assert.Equal(Sign(sandbox, received[0].Body), received[0].Signature);
        Assert.Matches("^sha256=[0-9a-f]{64}$", received[1].Signature);
        Assert.NotEqual(Sign(sandbox, received[1].Body), received[1].Signature);
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.Null(received[2].Signature);

        // Nobody listening: the admin call says so rather than inventing an answer.
        var unreachable = await admin.PushShipmentsAsync($"http://127.0.0.1:{FreePort.Next()}/api/backoffice/shipments", records);
        Assert.Equal(0, unreachable.Status);
        Assert.Contains("could not be reached", unreachable.Body, StringComparison.Ordinal);

        var stats = await admin.ShipmentFeedStatsAsync();
        Assert.Equal(4, stats["pushes"]!.GetValue<long>());
        Assert.Equal(1, stats["pushesUnanswered"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_admin_refuses_records_that_are_not_objects_and_unknown_settings()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);

        using (var notObjects = await http.PostAsJsonAsync($"_admin/backoffice/stores/{Store}/shipments", new { records = new object[] { 1, "x" } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notObjects.StatusCode);
        }
        using (var unknownKind = await http.PutAsJsonAsync("_admin/backoffice/shipments/corruption", new { kind = "negative" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        }
        using (var unknownSignature = await http.PostAsJsonAsync("_admin/backoffice/shipments/push", new { url = "http://127.0.0.1:1/", records = Array.Empty<object>(), signature = "maybe" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownSignature.StatusCode);
        }
        Assert.Empty(await new SandboxAdmin(http).BackOfficeShipmentsAsync(Store));
    }

    private static Task AppendAsync(SandboxAdmin admin, int count) =>
        admin.AppendBackOfficeShipmentsAsync(Store, [.. Enumerable.Range(1, count).Select(n => SandboxAdmin.ShipmentRecord(Store, $"SHP-{n}", 100 + n, items: [("MUG-GRY", 1)]))]);

    private static string Sign(SandboxHost sandbox, string content) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(sandbox.Options.BackOffice.SigningSecret), Encoding.UTF8.GetBytes(content)));

    /// <summary>A feed read signed as the connector signs it (HMAC of the request target), unless <paramref name="signature"/> is given ("" = no header).</summary>
    private static async Task<Answer> ReadAsync(
        HttpClient http, SandboxHost sandbox, string? cursor = null, int? limit = null, string? store = Store, string? signature = null)
    {
        var query = new List<string>();
        if (store is not null)
        {
            query.Add("store=" + Uri.EscapeDataString(store));
        }
        if (cursor is not null)
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }
        if (limit is not null)
        {
            query.Add($"limit={limit}");
        }
        var target = "/backoffice/shipments" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.TrimStart('/'), UriKind.Relative));
        signature ??= Sign(sandbox, target);
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Connector-Signature", signature);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Malformed on purpose (feed corruption): the test reads Text.
        }
        return new Answer(response.StatusCode, body, null, text, response.Content.Headers.ContentType?.MediaType);
    }
}
