using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using Connector.Testing;
using static Connector.EndToEndTests.Sandbox.SandboxShipmentsApi;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>
/// BigCommerce's V2 order shipments in the sandbox over real HTTP, as a client sees them: create, list,
/// count, get, delete; the order moving to Shipped or Partially Shipped with date_modified; refusals as
/// V2 errors with nothing stored; webhooks; quota, auth and faults as for the orders.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxShipmentsTests
{
    private const int AwaitingFulfillment = 11;
    private const int Shipped = 2;
    private const int PartiallyShipped = 3;

    [Fact]
    public async Task Shipping_every_unit_in_one_shipment_moves_the_order_to_Shipped_and_answers_the_shipment_as_the_spec_shapes_it()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var orderId = await CreateOrderAsync(http, lines: 2);
        var before = await OrderAsync(http, orderId);
        var products = await ProductsAsync(http, orderId);
        var addressId = await AddressIdAsync(http, orderId);

        var created = await ShipAsync(http, orderId, new Dictionary<string, object?>
        {
            ["order_address_id"] = addressId,
            ["items"] = Items([.. products.Select(Rest)]),
            ["tracking_number"] = "1Z999AA10123456784",
            ["shipping_method"] = "UPS Ground",
            ["shipping_provider"] = "ups",
            ["tracking_carrier"] = "ups",
            ["comments"] = "Left from the Austin warehouse",
        });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.NotNull(created.RateLimitLeft);
        var shipment = created.Body!.AsObject();
        Assert.Equal(
            ["id", "order_id", "customer_id", "order_address_id", "date_created", "tracking_number", "merchant_shipping_cost", "shipping_method", "comments",
             "shipping_provider", "tracking_carrier", "tracking_link", "billing_address", "shipping_address", "items", "shipping_provider_display_name", "generated_tracking_link"],
            shipment.Select(p => p.Key).ToArray());
        Assert.True(shipment["id"]!.GetValue<long>() > 0);
        Assert.Equal(orderId, shipment["order_id"]!.GetValue<long>());
        Assert.Equal(before["customer_id"]!.GetValue<long>(), shipment["customer_id"]!.GetValue<long>());
        Assert.Equal(addressId, shipment["order_address_id"]!.GetValue<long>());
        Assert.InRange(Rfc2822(shipment["date_created"]), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("1Z999AA10123456784", shipment["tracking_number"]!.GetValue<string>());
        Assert.Equal("UPS Ground", shipment["shipping_method"]!.GetValue<string>());
        Assert.Equal("ups", shipment["shipping_provider"]!.GetValue<string>());
        Assert.Equal("ups", shipment["tracking_carrier"]!.GetValue<string>());
        Assert.Equal("", shipment["tracking_link"]!.GetValue<string>());
        Assert.Equal("Left from the Austin warehouse", shipment["comments"]!.GetValue<string>());
        Assert.Equal("UPS", shipment["shipping_provider_display_name"]!.GetValue<string>());
        Assert.Contains("1Z999AA10123456784", shipment["generated_tracking_link"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before["billing_address"]!["zip"]!.GetValue<string>(), shipment["billing_address"]!["zip"]!.GetValue<string>());
        Assert.False(shipment["billing_address"]!.AsObject().ContainsKey("form_fields"));
        var address = (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipping_addresses"))).Body![0]!;
        Assert.Equal(address["street_1"]!.GetValue<string>(), shipment["shipping_address"]!["street_1"]!.GetValue<string>());
        Assert.Equal(
            products.Select(p => (p["id"]!.GetValue<long>(), p["product_id"]!.GetValue<long>(), p["quantity"]!.GetValue<int>())),
            shipment["items"]!.AsArray().Select(i => (i!["order_product_id"]!.GetValue<long>(), i["product_id"]!.GetValue<long>(), i["quantity"]!.GetValue<int>())));

        var after = await OrderAsync(http, orderId);
        Assert.Equal(AwaitingFulfillment, before["status_id"]!.GetValue<int>());
        Assert.Equal(Shipped, after["status_id"]!.GetValue<int>());
        Assert.Equal("Shipped", after["status"]!.GetValue<string>());
        Assert.Equal(after["items_total"]!.GetValue<int>(), after["items_shipped"]!.GetValue<int>());
        Assert.True(Rfc2822(after["date_modified"]) > Rfc2822(before["date_modified"]), "date_modified moves, so a poll on min_date_modified sees the change");
        Assert.NotEqual("", after["date_shipped"]!.GetValue<string>());
        Assert.All(await ProductsAsync(http, orderId), p => Assert.Equal(p["quantity"]!.GetValue<int>(), p["quantity_shipped"]!.GetValue<int>()));

        // A poll for orders modified since the last one finds it.
        var since = Uri.EscapeDataString(before["date_modified"]!.GetValue<string>());
        var poll = await SendAsync(http, HttpMethod.Get, V2($"orders?min_date_modified={since}"));
        Assert.Contains(poll.Body!.AsArray(), o => o!["id"]!.GetValue<long>() == orderId && o["status_id"]!.GetValue<int>() == Shipped);
    }

    [Fact]
    public async Task Shipping_part_moves_the_order_to_Partially_Shipped_and_the_rest_to_Shipped_date_modified_moving_each_time()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var orderId = await CreateOrderAsync(http, lines: 2);
        var products = await ProductsAsync(http, orderId);
        var addressId = await AddressIdAsync(http, orderId);
        var placed = Rfc2822((await OrderAsync(http, orderId))["date_modified"]);

        Assert.Equal(HttpStatusCode.Created, (await ShipAsync(http, orderId, addressId, Rest(products[0]))).Status);
        var partly = await OrderAsync(http, orderId);
        Assert.Equal(PartiallyShipped, partly["status_id"]!.GetValue<int>());
        Assert.Equal("Partially Shipped", partly["status"]!.GetValue<string>());
        Assert.Equal(products[0]["quantity"]!.GetValue<int>(), partly["items_shipped"]!.GetValue<int>());
        Assert.Equal("", partly["date_shipped"]!.GetValue<string>());
        var afterFirst = await ProductsAsync(http, orderId);
        Assert.Equal(afterFirst[0]["quantity"]!.GetValue<int>(), afterFirst[0]["quantity_shipped"]!.GetValue<int>());
        Assert.Equal(0, afterFirst[1]["quantity_shipped"]!.GetValue<int>());
        Assert.True(Rfc2822(partly["date_modified"]) > placed);

        Assert.Equal(HttpStatusCode.Created, (await ShipAsync(http, orderId, addressId, Rest(afterFirst[1]))).Status);
        var done = await OrderAsync(http, orderId);
        Assert.Equal(Shipped, done["status_id"]!.GetValue<int>());
        Assert.Equal(done["items_total"]!.GetValue<int>(), done["items_shipped"]!.GetValue<int>());
        Assert.True(Rfc2822(done["date_modified"]) > Rfc2822(partly["date_modified"]));
    }

    [Fact]
    public async Task A_multi_package_order_ships_in_several_shipments_that_are_listed_counted_fetched_paged_and_deleted()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var orderId = await CreateOrderAsync(http, lines: 3);
        var products = await ProductsAsync(http, orderId);
        var addressId = await AddressIdAsync(http, orderId);

        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments"))).Status);
        Assert.Equal(0, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"))).Body!["count"]!.GetValue<int>());

        var ids = new List<long>();
        foreach (var (product, tracking) in products.Zip(new[] { "PKG-1", "PKG-2", "PKG-3" }))
        {
            var created = await ShipAsync(http, orderId, new Dictionary<string, object?>
            {
                ["order_address_id"] = addressId.ToString(System.Globalization.CultureInfo.InvariantCulture), // the docs' example sends it as a string
                ["items"] = Items(Rest(product)),
                ["tracking_number"] = tracking,
                ["tracking_link"] = $"https://track.example.com/{tracking}",
            });
            Assert.Equal(HttpStatusCode.Created, created.Status);
            Assert.Equal($"https://track.example.com/{tracking}", created.Body!["tracking_link"]!.GetValue<string>());
            Assert.Equal("", created.Body!["generated_tracking_link"]!.GetValue<string>());
            ids.Add(created.Body!["id"]!.GetValue<long>());
            var status = (await OrderAsync(http, orderId))["status_id"]!.GetValue<int>();
            Assert.Equal(ids.Count == 3 ? Shipped : PartiallyShipped, status);
        }
        Assert.Equal(3, ids.Distinct().Count());

        var list = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments"));
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(ids, list.Body!.AsArray().Select(s => s!["id"]!.GetValue<long>()).ToList());
        Assert.Equal(["PKG-1", "PKG-2", "PKG-3"], list.Body!.AsArray().Select(s => s!["tracking_number"]!.GetValue<string>()).ToArray());
        Assert.Equal(3, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"))).Body!["count"]!.GetValue<int>());
        var page2 = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments?limit=2&page=2"));
        Assert.Equal([ids[2]], page2.Body!.AsArray().Select(s => s!["id"]!.GetValue<long>()).ToArray());
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments?limit=2&page=3"))).Status);

        var one = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/{ids[1]}"));
        Assert.Equal(HttpStatusCode.OK, one.Status);
        Assert.Equal(list.Body![1]!.ToJsonString(), one.Body!.ToJsonString());

        // Delete: gone from list, count and get; its units can ship again; the order stays Shipped (orders.mdx).
        var modifiedBefore = Rfc2822((await OrderAsync(http, orderId))["date_modified"]);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Delete, V2($"orders/{orderId}/shipments/{ids[1]}"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/{ids[1]}"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Delete, V2($"orders/{orderId}/shipments/{ids[1]}"))).Status);
        Assert.Equal(2, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"))).Body!["count"]!.GetValue<int>());
        var afterDelete = await OrderAsync(http, orderId);
        Assert.Equal(Shipped, afterDelete["status_id"]!.GetValue<int>());
        Assert.True(Rfc2822(afterDelete["date_modified"]) > modifiedBefore);
        Assert.Equal(0, (await ProductsAsync(http, orderId))[1]["quantity_shipped"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, (await ShipAsync(http, orderId, addressId, Rest(products[1]))).Status);

        // The admin view agrees with the API, unpaged.
        var admin = new SandboxAdmin(http);
        Assert.Equal(3, (await admin.ShipmentsAsync(Hash, orderId)).Count);
        Assert.Equal(3, (await admin.StoreShipmentsAsync(Hash)).Count);
    }

    [Fact]
    public async Task Shipping_more_than_was_ordered_or_than_remains_unshipped_is_refused_and_nothing_is_stored()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var orderId = await CreateOrderAsync(http, lines: 2);
        var products = await ProductsAsync(http, orderId);
        var addressId = await AddressIdAsync(http, orderId);
        var first = Rest(products[0]);
        var second = Rest(products[1]);

        var tooMany = await ShipAsync(http, orderId, addressId, first with { Quantity = first.Quantity + 1 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Contains($"order product {first.OrderProductId}", ErrorMessage(tooMany), StringComparison.Ordinal);
        // All or nothing: a valid line next to an over-shipped one doesn't ship either.
        Assert.Equal(HttpStatusCode.BadRequest, (await ShipAsync(http, orderId, addressId, second, first with { Quantity = first.Quantity + 1 })).Status);
        // One order product named twice counts as the sum.
        Assert.Equal(HttpStatusCode.BadRequest, (await ShipAsync(http, orderId, addressId, first, first with { Quantity = 1 })).Status);
        foreach (var quantity in new[] { 0, -1 })
        {
            var answer = await ShipAsync(http, orderId, addressId, first with { Quantity = quantity });
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Contains("quantity", ErrorMessage(answer), StringComparison.Ordinal);
        }
        var untouched = await OrderAsync(http, orderId);
        Assert.Equal(AwaitingFulfillment, untouched["status_id"]!.GetValue<int>());
        Assert.Equal(0, untouched["items_shipped"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments"))).Status);

        // Once the first line has shipped, not one more unit of it.
        Assert.Equal(HttpStatusCode.Created, (await ShipAsync(http, orderId, addressId, first)).Status);
        var shippedOnce = await OrderAsync(http, orderId);
        var again = await ShipAsync(http, orderId, addressId, first with { Quantity = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("at most 0", ErrorMessage(again), StringComparison.Ordinal);
        var after = await OrderAsync(http, orderId);
        Assert.Equal(shippedOnce["date_modified"]!.GetValue<string>(), after["date_modified"]!.GetValue<string>());
        Assert.Equal(PartiallyShipped, after["status_id"]!.GetValue<int>());
        Assert.Equal(1, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"))).Body!["count"]!.GetValue<int>());
        Assert.Single(await new SandboxAdmin(http).StoreShipmentsAsync(Hash));
    }

    [Fact]
    public async Task Concurrent_shipments_of_the_same_units_ship_them_once()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var orderId = await CreateOrderAsync(http, lines: 1);
        var line = Rest((await ProductsAsync(http, orderId))[0]);
        var addressId = await AddressIdAsync(http, orderId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => ShipAsync(http, orderId, addressId, line)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.Equal(9, answers.Count(a => a.Status == HttpStatusCode.BadRequest));
        Assert.Equal(1, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"))).Body!["count"]!.GetValue<int>());
        Assert.Equal(line.Quantity, (await OrderAsync(http, orderId))["items_shipped"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_unknown_order_address_or_product_and_malformed_bodies_are_refused_as_V2_does()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var orderId = await CreateOrderAsync(http, lines: 1);
        var otherOrderId = await CreateOrderAsync(http, lines: 1);
        var line = Rest((await ProductsAsync(http, orderId))[0]);
        var otherLine = Rest((await ProductsAsync(http, otherOrderId))[0]);
        var addressId = await AddressIdAsync(http, orderId);
        var otherAddressId = await AddressIdAsync(http, otherOrderId);

        foreach (var path in new[] { "orders/999999/shipments", "orders/999999/shipments/count", $"orders/999999/shipments/1", $"orders/{orderId}/shipments/999999" })
        {
            var missing = await SendAsync(http, HttpMethod.Get, V2(path));
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            ErrorMessage(missing);
        }
        var unknownOrder = await ShipAsync(http, 999999, addressId, line);
        Assert.Equal(HttpStatusCode.NotFound, unknownOrder.Status);
        ErrorMessage(unknownOrder);

        var wrongAddress = await ShipAsync(http, orderId, otherAddressId, line);
        Assert.Equal(HttpStatusCode.BadRequest, wrongAddress.Status);
        Assert.Contains("order_address_id", ErrorMessage(wrongAddress), StringComparison.Ordinal);
        var wrongProduct = await ShipAsync(http, orderId, addressId, otherLine);
        Assert.Equal(HttpStatusCode.BadRequest, wrongProduct.Status);
        Assert.Contains("order_product_id", ErrorMessage(wrongProduct), StringComparison.Ordinal);

        var valid = new Dictionary<string, object?> { ["order_address_id"] = addressId, ["items"] = Items(line) };
        Dictionary<string, object?>[] refused =
        [
            new() { ["items"] = Items(line) },
            new() { ["order_address_id"] = addressId },
            new() { ["order_address_id"] = addressId, ["items"] = Array.Empty<object>() },
            new(valid) { ["shipping_provider"] = "dhl-express" },
            new(valid) { ["tracking_number"] = new string('1', 51) },
            new(valid) { ["items"] = new[] { new { order_product_id = line.OrderProductId, quantity = line.Quantity, product_id = 1 } } },
            new(valid) { ["order_id"] = orderId },
        ];
        foreach (var body in refused)
        {
            var answer = await ShipAsync(http, orderId, body);
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            ErrorMessage(answer);
        }
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments"))).Status);

        // The spec's enum, an empty provider, and a third-party carrier_{id} are all accepted.
        var custom = await ShipAsync(http, orderId, new Dictionary<string, object?>(valid) { ["shipping_provider"] = "carrier_4711", ["tracking_number"] = "X1" });
        Assert.Equal(HttpStatusCode.Created, custom.Status);
        Assert.Equal("carrier_4711", custom.Body!["shipping_provider"]!.GetValue<string>());
        var delete = await SendAsync(http, HttpMethod.Delete, V2($"orders/{orderId}/shipments/{custom.Body!["id"]}"));
        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.Equal(HttpStatusCode.Created, (await ShipAsync(http, orderId, new Dictionary<string, object?>(valid) { ["shipping_provider"] = "" })).Status);
    }

    [Fact]
    public async Task A_shipment_fires_shipment_created_and_the_orders_status_events_to_the_hooks_subscribed_to_them()
    {
        await using var sandbox = await StartAsync();
        await using var receiver = await SandboxWebhookReceiver.StartAsync();
        using var http = Client(sandbox);
        foreach (var (scope, path) in new[] { ("store/shipment/created", "/shipment"), ("store/order/statusUpdated", "/status") })
        {
            var hook = await SendAsync(http, HttpMethod.Post, $"stores/{Hash}/v3/hooks", new { scope, destination = receiver.Url(path), is_active = true });
            Assert.Equal(HttpStatusCode.OK, hook.Status);
        }
        var orderId = await CreateOrderAsync(http, lines: 2);
        var products = await ProductsAsync(http, orderId);
        var addressId = await AddressIdAsync(http, orderId);

        var partial = await ShipAsync(http, orderId, addressId, Rest(products[0]));
        var rest = await ShipAsync(http, orderId, addressId, Rest(products[1]));
        var received = await receiver.WaitForAsync(r => r.Count >= 4, TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        Assert.Equal(4, receiver.Requests.Count);

        var shipments = receiver.At("/shipment").Select(r => JsonNode.Parse(r.Body)!).OrderBy(p => p["data"]!["id"]!.GetValue<long>()).ToList();
        Assert.Equal([partial.Body!["id"]!.GetValue<long>(), rest.Body!["id"]!.GetValue<long>()], shipments.Select(p => p["data"]!["id"]!.GetValue<long>()).ToArray());
        Assert.All(shipments, p =>
        {
            Assert.Equal("store/shipment/created", p["scope"]!.GetValue<string>());
            Assert.Equal($"stores/{Hash}", p["producer"]!.GetValue<string>());
            Assert.Equal("shipment", p["data"]!["type"]!.GetValue<string>());
            Assert.Equal(orderId, p["data"]!["orderId"]!.GetValue<long>());
        });
        var moves = receiver.At("/status").Select(r => JsonNode.Parse(r.Body)!["data"]!)
            .Select(d => (d["id"]!.GetValue<long>(), d["status"]!["previous_status_id"]!.GetValue<int>(), d["status"]!["new_status_id"]!.GetValue<int>()))
            .OrderBy(m => m.Item3 == Shipped).ToArray();
        Assert.Equal([(orderId, AwaitingFulfillment, PartiallyShipped), (orderId, PartiallyShipped, Shipped)], moves);
        Assert.Equal(4, received.Select(r => r.Headers["webhook-id"]).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Shipment_calls_are_authenticated_counted_rate_limited_and_faulted_like_the_other_store_endpoints()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var admin = new SandboxAdmin(http);
        var orderId = await CreateOrderAsync(http, lines: 1);
        var line = Rest((await ProductsAsync(http, orderId))[0]);
        var addressId = await AddressIdAsync(http, orderId);
        await admin.ResetStatsAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments"), token: "wrong")).Status);
        await admin.DenyScopesAsync(Hash, "store_v2_orders");
        Assert.Equal(HttpStatusCode.Forbidden, (await ShipAsync(http, orderId, addressId, line)).Status);
        await admin.DenyScopesAsync(Hash);

        // An injected 5xx happens before the endpoint: nothing ships.
        await admin.SetFaultsAsync("bigcommerce", new { errorRate = 1.0, maxFaults = 1 });
        Assert.True((int)(await ShipAsync(http, orderId, addressId, line)).Status >= 500);
        Assert.Empty(await admin.ShipmentsAsync(Hash, orderId));

        // A lost answer: BigCommerce shipped, the client never heard. Only reading the order's shipments tells.
        await admin.SetFaultsAsync("bigcommerce", new { lostResponseRate = 1.0, maxFaults = 1 });
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => ShipAsync(http, orderId, addressId, line));
        await admin.ClearFaultsAsync("bigcommerce");
        var afterLoss = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments"));
        Assert.Equal(line.OrderProductId, Assert.Single(afterLoss.Body!.AsArray())!["items"]![0]!["order_product_id"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.BadRequest, (await ShipAsync(http, orderId, addressId, line)).Status);

        var stats = await admin.StoreStatsAsync(Hash);
        Assert.Equal(4, stats["byEndpoint"]!["POST /orders/{id}/shipments"]!.GetValue<long>());
        Assert.Equal(2, stats["byEndpoint"]!["GET /orders/{id}/shipments"]!.GetValue<long>());
        Assert.Equal(0, stats["byEndpoint"]!["DELETE /orders/{id}/shipments/{shipment_id}"]!.GetValue<long>());

        await admin.SetQuotaAsync(Hash, quota: 1, windowMs: 60_000);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"))).Status);
        var limited = await SendAsync(http, HttpMethod.Get, V2($"orders/{orderId}/shipments/count"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("0", limited.RateLimitLeft);
    }
}
