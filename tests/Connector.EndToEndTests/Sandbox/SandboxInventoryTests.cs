using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.Sandbox.SandboxInventoryApi;

namespace Connector.EndToEndTests.Sandbox;

/// <summary>
/// BigCommerce's V3 inventory in the sandbox over real HTTP: locations, absolute adjustments
/// (success, and 422s as inventory.v3.yml answers them), item listings and the catalog lookups.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SandboxInventoryTests
{
    [Fact]
    public async Task Every_store_has_the_default_location_and_admin_added_locations_are_listed()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);

        var first = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/locations");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.NotNull(first.RateLimitLeft);
        var only = Assert.Single(first.Body!["data"]!.AsArray())!;
        Assert.Equal(1, only["id"]!.GetValue<int>());
        Assert.Equal("BC-LOCATION-1", only["code"]!.GetValue<string>());
        Assert.Equal("PHYSICAL", only["type_id"]!.GetValue<string>());
        Assert.True(only["enabled"]!.GetValue<bool>());

        using var added = await http.PostAsJsonAsync($"_admin/stores/{Hash}/locations", new { code = "WH-EAST", label = "East warehouse" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        using var again = await http.PostAsJsonAsync($"_admin/stores/{Hash}/locations", new { code = "WH-EAST" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var both = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/locations");
        Assert.Equal(["BC-LOCATION-1", "WH-EAST"], both.Body!["data"]!.AsArray().Select(l => l!["code"]!.GetValue<string>()).ToArray());
        Assert.Equal(2, both.Body!["data"]![1]!["id"]!.GetValue<int>());
        Assert.Equal(2, both.Body!["meta"]!["pagination"]!["total"]!.GetValue<int>());

        var filtered = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/locations?location_code:in=WH-EAST");
        Assert.Equal("East warehouse", Assert.Single(filtered.Body!["data"]!.AsArray())!["label"]!.GetValue<string>());

        var unauthorized = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/locations", token: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Status);
    }

    [Fact]
    public async Task An_absolute_adjustment_by_sku_variant_id_and_product_id_sets_the_levels_and_counts_writes()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var items = await SeedCatalogAsync(http);
        await AddLocationAsync(http, "WH-2");
        var (red, blue, poster) = (items[0], items[1], items[2]);

        var answer = await AdjustAsync(http,
            new { location_id = 1, sku = "TEE-RED", quantity = 5 },
            new { location_id = 2, variant_id = blue["variantId"]!.GetValue<long>(), quantity = 7 },
            new { location_id = 1, product_id = poster["productId"]!.GetValue<long>(), quantity = 3 });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.False(string.IsNullOrWhiteSpace(answer.Body!["transaction_id"]!.GetValue<string>()));
        Assert.NotNull(answer.RateLimitLeft);

        var levels = await LevelsAsync(http);
        Assert.Equal(5, levels["TEE-RED"]!["levels"]!["BC-LOCATION-1"]!.GetValue<long>());
        Assert.Equal(0, levels["TEE-RED"]!["levels"]!["WH-2"]!.GetValue<long>());
        Assert.Equal(7, levels["TEE-BLUE"]!["levels"]!["WH-2"]!.GetValue<long>());
        Assert.Equal(3, levels["POSTER"]!["levels"]!["BC-LOCATION-1"]!.GetValue<long>());
        Assert.Equal(1, levels["TEE-RED"]!["writes"]!.GetValue<long>());
        Assert.Equal(red["productId"]!.GetValue<long>(), blue["productId"]!.GetValue<long>());

        Assert.Equal(HttpStatusCode.OK, (await AdjustAsync(http, new { location_id = 1, sku = "tee-red", quantity = 0 })).Status);
        levels = await LevelsAsync(http);
        Assert.Equal(0, levels["TEE-RED"]!["levels"]!["BC-LOCATION-1"]!.GetValue<long>());
        Assert.Equal(2, levels["TEE-RED"]!["writes"]!.GetValue<long>());

        var stats = (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{Hash}/inventory/stats"))!;
        Assert.Equal(2, stats["adjustmentRequests"]!.GetValue<long>());
        Assert.Equal(4, stats["itemsWritten"]!.GetValue<long>());
        Assert.Equal(2, stats["byEndpoint"]!["PUT /v3/inventory/adjustments/absolute"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("variant_id")]
    [InlineData("sku")]
    public async Task A_product_tracked_item_addressed_by_variant_id_or_sku_fails_the_whole_request_with_the_specs_422(string by)
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var items = await SeedCatalogAsync(http);
        var posterVariant = items[2]["variantId"]!.GetValue<long>();

        var answer = await AdjustAsync(http,
            new { location_id = 1, sku = "TEE-RED", quantity = 9 },
            by == "sku" ? new { location_id = 1, sku = "POSTER", quantity = 4 } : (object)new { location_id = 1, variant_id = posterVariant, quantity = 4 });

        // inventory.v3.yml's example: problem+json, the item named in the bracketed title, errors {}.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(422, answer.Body!["status"]!.GetValue<int>());
        var named = by == "sku" ? "sku POSTER" : $"variant_id {posterVariant}";
        Assert.Equal($"[Item with {named} is tracked by product, please update stock by product id]", answer.Body!["title"]!.GetValue<string>());
        Assert.Equal("https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes", answer.Body!["type"]!.GetValue<string>());
        Assert.Empty(answer.Body!["errors"]!.AsObject());
        var levels = await LevelsAsync(http);
        Assert.Equal(0, levels["TEE-RED"]!["levels"]!["BC-LOCATION-1"]!.GetValue<long>());
        Assert.Equal(0, levels["TEE-RED"]!["writes"]!.GetValue<long>());

        var stats = (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{Hash}/inventory/stats"))!;
        Assert.Equal(1, stats["adjustmentsRejected"]!.GetValue<long>());
        Assert.Equal(0, stats["itemsWritten"]!.GetValue<long>());

        // Only product_id sets it.
        Assert.Equal(HttpStatusCode.OK, (await AdjustAsync(http, new { location_id = 1, product_id = items[2]["productId"]!.GetValue<long>(), quantity = 4 })).Status);
        Assert.Equal(4, (await LevelsAsync(http))["POSTER"]!["levels"]!["BC-LOCATION-1"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("unknown-sku", "items.0.sku")]
    [InlineData("negative", "items.0.quantity")]
    [InlineData("too-large", "items.0.quantity")]
    [InlineData("fractional", "items.0.quantity")]
    [InlineData("unknown-location", "items.0.location_id")]
    [InlineData("no-identifier", "items.0")]
    [InlineData("variant-tracked-by-product-id", null)]
    public async Task Invalid_items_are_422_naming_the_item(string kind, string? errorKey)
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var items = await SeedCatalogAsync(http);
        object item = kind switch
        {
            "unknown-sku" => new { location_id = 1, sku = "NOPE", quantity = 1 },
            "negative" => new { location_id = 1, sku = "TEE-RED", quantity = -1 },
            "too-large" => new { location_id = 1, sku = "TEE-RED", quantity = 2_147_483_648L },
            "fractional" => new { location_id = 1, sku = "TEE-RED", quantity = 1.5 },
            "unknown-location" => new { location_id = 99, sku = "TEE-RED", quantity = 1 },
            "no-identifier" => new { location_id = 1, quantity = 1 },
            _ => new { location_id = 1, product_id = items[0]["productId"]!.GetValue<long>(), quantity = 1 },
        };

        var answer = await AdjustAsync(http, item);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        if (errorKey is null)
        {
            // A tracking-mode refusal is named in the title only, as the spec's example.
            Assert.Contains("is tracked by variant", answer.Body!["title"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Empty(answer.Body!["errors"]!.AsObject());
        }
        else
        {
            Assert.NotNull(answer.Body!["errors"]![errorKey]);
        }
    }

    [Fact]
    public async Task More_than_2000_items_is_422_and_2000_is_fine()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        await SeedAsync(http, new { count = 2001 });

        var tooMany = await AdjustAsync(http, [.. Enumerable.Range(1, 2001).Select(n => (object)new { location_id = 1, sku = $"SKU-{n:D5}", quantity = n })]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany.Status);
        Assert.Contains("2000", tooMany.Body!["errors"]!["items"]!.GetValue<string>(), StringComparison.Ordinal);

        var limit = await AdjustAsync(http, [.. Enumerable.Range(1, 2000).Select(n => (object)new { location_id = 1, sku = $"SKU-{n:D5}", quantity = n })]);
        Assert.Equal(HttpStatusCode.OK, limit.Status);
        var stats = (await http.GetFromJsonAsync<JsonObject>($"_admin/stores/{Hash}/inventory/stats"))!;
        Assert.Equal(2000, stats["itemsWritten"]!.GetValue<long>());
    }

    [Fact]
    public async Task Items_are_listed_with_filters_and_paging_per_store_and_per_location_and_the_catalog_resolves_skus()
    {
        await using var sandbox = await StartAsync();
        using var http = Client(sandbox);
        var items = await SeedCatalogAsync(http);
        await AddLocationAsync(http, "WH-2");
        Assert.Equal(HttpStatusCode.OK, (await AdjustAsync(http,
            new { location_id = 1, sku = "TEE-RED", quantity = 5 },
            new { location_id = 2, sku = "TEE-RED", quantity = 6 })).Status);

        var red = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/items?sku:in=TEE-RED,POSTER");
        var data = red.Body!["data"]!.AsArray();
        Assert.Equal(["TEE-RED", "POSTER"], data.Select(d => d!["identity"]!["sku"]!.GetValue<string>()).ToArray());
        var redLocations = data[0]!["locations"]!.AsArray();
        Assert.Equal([5L, 6L], redLocations.Select(l => l!["total_inventory_onhand"]!.GetValue<long>()).ToArray());
        Assert.Equal("BC-LOCATION-1", redLocations[0]!["location_code"]!.GetValue<string>());

        var atTwo = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/items?variant_id:in={items[0]["variantId"]}&location_id:in=2");
        Assert.Equal(6, Assert.Single(Assert.Single(atTwo.Body!["data"]!.AsArray())!["locations"]!.AsArray())!["available_to_sell"]!.GetValue<long>());

        var paged = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/items?limit=2&page=2");
        Assert.Single(paged.Body!["data"]!.AsArray());
        Assert.Equal(3, paged.Body!["meta"]!["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(2, paged.Body!["meta"]!["pagination"]!["total_pages"]!.GetValue<int>());

        var location = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/locations/2/items?product_id:in={items[0]["productId"]}");
        var atLocation = location.Body!["data"]!.AsArray();
        Assert.Equal(["TEE-RED", "TEE-BLUE"], atLocation.Select(d => d!["identity"]!["sku"]!.GetValue<string>()).ToArray());
        Assert.Equal(6, atLocation[0]!["available_to_sell"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/inventory/locations/9/items")).Status);

        var variants = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/catalog/variants?sku:in=TEE-BLUE,POSTER");
        var byVariant = variants.Body!["data"]!.AsArray();
        Assert.Equal(["TEE-BLUE", "POSTER"], byVariant.Select(v => v!["sku"]!.GetValue<string>()).ToArray());
        Assert.Equal(items[1]["variantId"]!.GetValue<long>(), byVariant[0]!["id"]!.GetValue<long>());
        Assert.Equal(items[1]["productId"]!.GetValue<long>(), byVariant[0]!["product_id"]!.GetValue<long>());

        var products = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/catalog/products?sku:in=POSTER,TEE-RED");
        var product = Assert.Single(products.Body!["data"]!.AsArray())!;
        Assert.Equal("product", product["inventory_tracking"]!.GetValue<string>());
        Assert.Equal(items[2]["productId"]!.GetValue<long>(), product["id"]!.GetValue<long>());
        var tee = await SendAsync(http, HttpMethod.Get, $"stores/{Hash}/v3/catalog/products?id:in={items[0]["productId"]}");
        Assert.Equal("variant", Assert.Single(tee.Body!["data"]!.AsArray())!["inventory_tracking"]!.GetValue<string>());
    }

    /// <summary>TEE-RED and TEE-BLUE: variants of one product; POSTER: a product tracked by product.</summary>
    private static Task<IReadOnlyList<JsonObject>> SeedCatalogAsync(HttpClient http) => SeedAsync(http, new
    {
        skus = new object[]
        {
            new { sku = "TEE-RED", trackedBy = "variant", product = "Tee" },
            new { sku = "TEE-BLUE", trackedBy = "variant", product = "Tee" },
            new { sku = "POSTER", trackedBy = "product" },
        },
    });

    private static async Task AddLocationAsync(HttpClient http, string code)
    {
        using var response = await http.PostAsJsonAsync($"_admin/stores/{Hash}/locations", new { code });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<Dictionary<string, JsonObject>> LevelsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonArray>($"_admin/stores/{Hash}/inventory"))!
            .Select(i => i!.AsObject()).ToDictionary(i => i["sku"]!.GetValue<string>());
}
