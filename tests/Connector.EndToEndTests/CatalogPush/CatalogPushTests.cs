using Connector.Catalog;
using Connector.CatalogPush;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.CatalogPush.CatalogPushSetup;

namespace Connector.EndToEndTests.CatalogPush;

/// <summary>
/// The back office's catalog changes reach BigCommerce: matched by product or variant SKU, written in batches, newest change
/// first, an unknown SKU created only when the store allows it, every refusal recorded with its reason while the rest goes on.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogPushTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Changes_reach_existing_products_and_variants_matched_by_sku_in_batched_requests()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var withOptions = await system.Admin.CreateProductsAsync(system.StoreHash, 2, variants: 2);
        var simple = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["SIMPLE-1", "SIMPLE-2", "SIMPLE-3"]);
        await system.PushOnAsync();
        await system.FeedAsync(
            Change("SIMPLE-1", 1, ("price", 19.99m), ("sale_price", 17.5m), ("cost_price", 8m), ("name", "Simple one, renamed"), ("weight", 1.25m)),
            Change("simple-2", 1, ("description", "<p>New text</p>"), ("is_visible", false), ("availability", "preorder")),
            Change("SIMPLE-3", 1, ("price", 5m)),
            Change($"P-{withOptions[0]}", 1, ("name", "Product with options, renamed")),
            Change($"P-{withOptions[0]}-S", 1, ("price", 31m), ("availability", "disabled")),
            Change($"P-{withOptions[1]}-M", 1, ("weight", 2m), ("cost_price", 12.5m)));

        await system.RunCatalogPushAsync();

        await Eventually.TrueAsync(async () => await system.PushStatusAsync($"P-{withOptions[1]}-M") == CatalogPushStatus.Written
                && await system.PushStatusAsync("SIMPLE-1") == CatalogPushStatus.Written && await system.PushStatusAsync("SIMPLE-2") == CatalogPushStatus.Written,
            "every change written", Settle);
        var one = await system.ProductAsync(simple[0]);
        Assert.Equal(19.99m, one["price"]!.GetValue<decimal>());
        Assert.Equal(17.5m, one["salePrice"]!.GetValue<decimal>());
        Assert.Equal(8m, one["costPrice"]!.GetValue<decimal>());
        Assert.Equal(1.25m, one["weight"]!.GetValue<decimal>());
        Assert.Equal("Simple one, renamed", one["name"]!.GetValue<string>());
        var two = await system.ProductAsync(simple[1]);
        Assert.Equal("<p>New text</p>", two["description"]!.GetValue<string>());
        Assert.False(two["isVisible"]!.GetValue<bool>());
        Assert.Equal("preorder", two["availability"]!.GetValue<string>());
        var first = await system.ProductAsync(withOptions[0]);
        Assert.Equal("Product with options, renamed", first["name"]!.GetValue<string>());
        var small = first["variantDetails"]!.AsArray().Single(v => v!["sku"]!.GetValue<string>() == $"P-{withOptions[0]}-S")!;
        Assert.Equal(31m, small["price"]!.GetValue<decimal>());
        Assert.True(small["purchasingDisabled"]!.GetValue<bool>());
        var medium = (await system.ProductAsync(withOptions[1]))["variantDetails"]!.AsArray().Single(v => v!["sku"]!.GetValue<string>() == $"P-{withOptions[1]}-M")!;
        Assert.Equal(2m, medium["weight"]!.GetValue<decimal>());

        // Six changes handled together share requests (one PUT of the four products and one of the two variants when they
        // reach the worker at once; a busy machine may split them): never a write per change.
        Assert.True(await system.RequestsAsync("PUT /v3/catalog/products") + await system.RequestsAsync("PUT /v3/catalog/variants") < 6);
        Assert.Empty(await system.PoisonMessagesAsync("catalog-push"));
    }

    [Fact]
    public async Task A_sku_holding_a_comma_is_matched_whole_not_as_its_pieces()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["TEE,RED", "TEE", "RED", "PLAIN"]);
        await system.PushOnAsync();
        await system.FeedAsync(Change("TEE,RED", 1, ("price", 77m)), Change("PLAIN", 1, ("price", 5m)));

        await system.RunCatalogPushAsync();

        await Eventually.TrueAsync(async () => await system.PushStatusAsync("TEE,RED") == CatalogPushStatus.Written
            && await system.PushStatusAsync("PLAIN") == CatalogPushStatus.Written, "both written", Settle);
        Assert.Equal(77m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Equal(10m, (await system.ProductAsync(ids[1]))["price"]!.GetValue<decimal>());
        Assert.Equal(10m, (await system.ProductAsync(ids[2]))["price"]!.GetValue<decimal>());
        Assert.Equal(5m, (await system.ProductAsync(ids[3]))["price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task An_unknown_sku_is_refused_with_its_reason_unless_the_store_creates_products()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["KNOWN-1"]);
        await system.PushOnAsync();
        await system.FeedAsync(Change("NEW-1", 1, ("name", "A new one"), ("price", 12m)), Change("KNOWN-1", 1, ("price", 3m)));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("NEW-1") == CatalogPushStatus.Refused, "the unknown SKU refused", Settle);
        Assert.Contains("do not create products", (await system.PushEntryAsync("NEW-1"))!.LastError, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("KNOWN-1") == CatalogPushStatus.Written, "the known one written", Settle);
        var (attention, _) = await system.Service<CatalogPushLedger>().NeedingAttentionAsync(system.StoreHash, 10, CancellationToken.None);
        Assert.Equal(["NEW-1"], attention.Select(e => e.Sku));
        Assert.DoesNotContain(await system.Admin.ProductsAsync(system.StoreHash), p => p["sku"]!.GetValue<string>() == "NEW-1");

        // Creation allowed: the SKU's next change creates it (and a change without a name still cannot).
        await system.PushOnAsync(ProductCreation.CreateAndUpdate);
        await system.FeedAsync(Change("NEW-1", 2, ("name", "A new one"), ("price", 12m), ("weight", 0.3m)), Change("NEW-2", 2, ("price", 4m)));
        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("NEW-1") == CatalogPushStatus.Created, "the product created", Settle);
        var created = (await system.Admin.ProductsAsync(system.StoreHash)).Single(p => p["sku"]!.GetValue<string>() == "NEW-1");
        Assert.Equal("A new one", created["name"]!.GetValue<string>());
        Assert.Equal(12m, created["price"]!.GetValue<decimal>());
        Assert.False(created["isVisible"]!.GetValue<bool>());
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("NEW-2") == CatalogPushStatus.Refused, "a creation without a name refused", Settle);
        Assert.Contains("needs a name and a price", (await system.PushEntryAsync("NEW-2"))!.LastError, StringComparison.Ordinal);
        (attention, _) = await system.Service<CatalogPushLedger>().NeedingAttentionAsync(system.StoreHash, 10, CancellationToken.None);
        Assert.Equal(["NEW-2"], attention.Select(e => e.Sku));
    }

    [Fact]
    public async Task Create_only_leaves_existing_products_alone()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["KEEP-1"]);
        await system.PushOnAsync(ProductCreation.CreateOnly);
        await system.FeedAsync(Change("KEEP-1", 1, ("price", 99m)), Change("MAKE-1", 1, ("name", "Made"), ("price", 1m)));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("MAKE-1") == CatalogPushStatus.Created, "the new SKU created", Settle);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("KEEP-1") == CatalogPushStatus.Skipped, "the existing one left alone", Settle);
        Assert.Equal(10m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_duplicate_sku_and_bad_values_are_refused_with_their_reasons_and_the_rest_goes_on()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["TWICE", "TWICE", "GOOD-1", "LONG-1"]);
        await system.PushOnAsync(limits: LimitPolicy.FailProduct);
        await system.FeedAsync(
            Change("TWICE", 1, ("price", 1m)),
            Change("GOOD-1", 1, ("price", "12abc")),
            Change("GOOD-1", 2, ("weight", -1m)),
            Change("LONG-1", 1, ("name", new string('n', 251))),
            Change("GOOD-1", 3, ("price", 7.25m)));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("GOOD-1") == CatalogPushStatus.Written, "the good change written", Settle);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("TWICE") == CatalogPushStatus.Refused && await system.PushStatusAsync("LONG-1") == CatalogPushStatus.Refused,
            "the duplicate and the long name refused", Settle);
        Assert.Contains("more than one product", (await system.PushEntryAsync("TWICE"))!.LastError, StringComparison.Ordinal);
        Assert.Contains("251 characters", (await system.PushEntryAsync("LONG-1"))!.LastError, StringComparison.Ordinal);
        Assert.Equal(7.25m, (await system.ProductAsync(ids[2]))["price"]!.GetValue<decimal>());
        Assert.Equal(10m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());

        // The feed's bad records are in the run's result with their reasons.
        var run = await system.Service<Connector.Orders.SyncCursors>().FindAsync(system.StoreHash, CatalogPushJob.Flow, CancellationToken.None);
        Assert.Contains("price \"12abc\" is not a number", run!.LastResult, StringComparison.Ordinal);
        Assert.Contains("weight -1 is negative", run.LastResult, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_too_long_is_cut_to_fit_under_truncate()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["LONG-2"]);
        await system.PushOnAsync(limits: LimitPolicy.Truncate);
        await system.FeedAsync(Change("LONG-2", 1, ("name", new string('n', 300)), ("price", 1.23456m)));

        await system.RunCatalogPushAsync();
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("LONG-2") == CatalogPushStatus.Written, "written, cut to fit", Settle);
        var product = await system.ProductAsync(ids[0]);
        Assert.Equal(250, product["name"]!.GetValue<string>().Length);
        Assert.Equal(1.2346m, product["price"]!.GetValue<decimal>());
        Assert.Contains("cut to 250", (await system.PushEntryAsync("LONG-2"))!.Notes, StringComparison.Ordinal);
    }
}
