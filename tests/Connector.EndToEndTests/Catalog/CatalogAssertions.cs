using System.Text.Json.Nodes;

namespace Connector.EndToEndTests.Catalog;

/// <summary>Reads of what the sandbox back office received of a store's catalog.</summary>
internal static class CatalogAssertions
{
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(90);

    public static IReadOnlyDictionary<long, JsonObject> Products(JsonObject received) =>
        received["products"]!.AsArray().Select(p => p!.AsObject()).ToDictionary(p => p["productId"]!.GetValue<long>());

    public static int Deliveries(JsonObject received, long productId) =>
        Products(received).TryGetValue(productId, out var p) ? p["deliveries"]!.GetValue<int>() : 0;

    public static string? LastName(JsonObject received, long productId) =>
        Products(received).TryGetValue(productId, out var p) ? p["lastBody"]?["name"]?.GetValue<string>() : null;

    public static bool Deleted(JsonObject received, long productId) =>
        Products(received).TryGetValue(productId, out var p) && p["deleted"]!.GetValue<bool>();

    /// <summary>The flow's promises, whatever the test did: nothing older after newer, nothing after a deletion.</summary>
    public static void NewestWins(JsonObject received)
    {
        Assert.Equal(0, received["olderAfterNewer"]!.GetValue<int>());
        Assert.Equal(0, received["afterDeletion"]!.GetValue<int>());
    }
}
