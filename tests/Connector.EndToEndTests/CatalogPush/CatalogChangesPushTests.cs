using System.Text.Json.Nodes;
using Connector.CatalogPush;
using Connector.EndToEndTests.Infrastructure;
using static Connector.EndToEndTests.CatalogPush.CatalogPushSetup;

namespace Connector.EndToEndTests.CatalogPush;

/// <summary>POST /api/backoffice/catalog-changes, as a back office that calls out uses it, and as an attacker would try it.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CatalogChangesPushTests(AzuriteFixture azurite)
{
    private static string PushUrl(ConnectorSystem system) => new Uri(system.Connector.Http.BaseAddress!, "/api/backoffice/catalog-changes").ToString();

    private static JsonObject Pushed(ConnectorSystem system, string sku, int minute, params (string Field, JsonNode? Value)[] fields)
    {
        var record = Change(sku, minute, fields);
        record["store_hash"] = system.StoreHash;
        return record;
    }

    [Fact]
    public async Task A_signed_push_is_written_to_BigCommerce_and_a_replay_or_an_older_push_sent_late_changes_nothing()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["PUSH-1", "PUSH-2"]);
        await system.PushOnAsync();

        var newer = new[] { Pushed(system, "PUSH-1", 5, ("price", 21m), ("name", "Pushed name")), Pushed(system, "PUSH-2", 5, ("weight", 3m)) };
        var first = await system.Admin.PushCatalogChangesAsync(PushUrl(system), newer);
        Assert.Equal(202, first.Status);
        Assert.Contains("\"queued\":2", first.Body, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => await system.PushStatusAsync("PUSH-1") == CatalogPushStatus.Written
            && await system.PushStatusAsync("PUSH-2") == CatalogPushStatus.Written, "both changes written", Settle);
        Assert.Equal(21m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Equal("Pushed name", (await system.ProductAsync(ids[0]))["name"]!.GetValue<string>());
        Assert.Equal(3m, (await system.ProductAsync(ids[1]))["weight"]!.GetValue<decimal>());
        var writes = await system.RequestsAsync("PUT /v3/catalog/products");

        // The same push again (a retry, or an attacker replaying it), and an older change sent after the newer one.
        Assert.Equal(202, (await system.Admin.PushCatalogChangesAsync(PushUrl(system), newer)).Status);
        Assert.Equal(202, (await system.Admin.PushCatalogChangesAsync(PushUrl(system), [Pushed(system, "PUSH-1", 1, ("price", 9m))])).Status);
        var queue = system.Service<Connector.Storage.ConnectorStorage>().Queue(Connector.Hosting.QueueNames.CatalogPush);
        await Eventually.TrueAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the pushes handled", Settle);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(21m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Equal(writes, await system.RequestsAsync("PUT /v3/catalog/products"));
    }

    [Fact]
    public async Task A_push_with_a_bad_signature_a_bad_record_or_a_store_whose_push_is_off_queues_nothing_and_names_each_bad_record()
    {
        await using var system = await ConnectorSystem.StartAsync(azurite);
        var ids = await system.Admin.CreateProductsWithSkusAsync(system.StoreHash, ["GOOD-1"]);
        var good = Pushed(system, "GOOD-1", 1, ("price", 40m));

        // The push is off for the store (the default): refused, whatever else is right.
        var off = await system.Admin.PushCatalogChangesAsync(PushUrl(system), [good]);
        Assert.Equal(400, off.Status);
        Assert.Contains("the catalog push is off", off.Body, StringComparison.Ordinal);

        await system.PushOnAsync();
        Assert.Equal(401, (await system.Admin.PushCatalogChangesAsync(PushUrl(system), [good], signature: "bad")).Status);
        Assert.Equal(401, (await system.Admin.PushCatalogChangesAsync(PushUrl(system), [good], signature: "none")).Status);

        var notANumber = Pushed(system, "BAD-PRICE", 1);
        notANumber["price"] = "twelve";
        var noStore = Change("NO-STORE", 1, ("price", 1m));
        var elsewhere = Change("ELSEWHERE", 1, ("price", 1m));
        elsewhere["store_hash"] = "notconnected1";
        var refused = await system.Admin.PushCatalogChangesAsync(PushUrl(system), [good, notANumber, noStore, elsewhere]);
        Assert.Equal(400, refused.Status);
        var errors = JsonNode.Parse(refused.Body)!["errors"]!.AsArray().Select(e => (e!["index"]!.GetValue<int>(), e["error"]!.GetValue<string>())).ToList();
        Assert.Equal([1, 2, 3], errors.Select(e => e.Item1));
        Assert.Contains("price", errors[0].Item2, StringComparison.Ordinal);
        Assert.Equal("no store_hash", errors[1].Item2);
        Assert.Contains("not connected", errors[2].Item2, StringComparison.Ordinal);

        var empty = await system.Admin.PushCatalogChangesAsync(PushUrl(system), []);
        Assert.Equal(400, empty.Status);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(10m, (await system.ProductAsync(ids[0]))["price"]!.GetValue<decimal>());
        Assert.Null(await system.PushEntryAsync("GOOD-1"));
    }
}
