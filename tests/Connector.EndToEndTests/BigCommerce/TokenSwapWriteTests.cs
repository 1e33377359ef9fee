using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Connector.BigCommerce;
using Connector.EndToEndTests.Infrastructure;
using Connector.Stores;
using Microsoft.Extensions.Options;
using Sandbox;

namespace Connector.EndToEndTests.BigCommerce;

/// <summary>
/// A reinstall replaces a store's token while an old one is still cached: the first write is refused 401 and
/// sent again, body and all, with the current token. Over real HTTP against the sandbox's store API.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TokenSwapWriteTests
{
    private const string Store = "swap1";
    private const string CurrentToken = "current-token-after-reinstall";

    [Fact]
    public async Task A_status_write_back_after_a_token_swap_reaches_the_store()
    {
        await using var sandbox = await StartAsync(seedOrders: 1);
        using var admin = new HttpClient { BaseAddress = sandbox.BaseAddress };
        var orderId = await FirstOrderIdAsync(admin);
        var tokens = new ReplacedToken();
        var client = new BigCommerceOrdersClient(new HttpClient(), tokens, Options(sandbox));

        var order = await client.UpdateOrderStatusAsync(Store, orderId, statusId: 2, CancellationToken.None);

        Assert.Equal(2, order.StatusId);
        Assert.Equal(1, tokens.Forgotten);
    }

    [Fact]
    public async Task A_webhook_subscription_after_a_token_swap_is_created()
    {
        await using var sandbox = await StartAsync(seedOrders: 0);
        var tokens = new ReplacedToken();
        var client = new BigCommerceWebhooksClient(new HttpClient(), tokens, Options(sandbox));
        var hook = new V3WebhookWrite("store/order/created", "https://connector.example/api/webhooks/bigcommerce", true,
            new Dictionary<string, string> { ["X-Test"] = "1" });

        var created = await client.CreateAsync(Store, hook, CancellationToken.None);

        Assert.Equal("store/order/created", created.Scope);
        Assert.Equal(1, tokens.Forgotten);
        Assert.Single(await client.ListAsync(Store, CancellationToken.None));
    }

    [Fact]
    public async Task A_stock_level_after_a_token_swap_is_applied()
    {
        await using var sandbox = await StartAsync(seedOrders: 0);
        using var admin = new HttpClient { BaseAddress = sandbox.BaseAddress };
        (await admin.PostAsJsonAsync($"_admin/stores/{Store}/catalog",
            new { skus = new[] { new { sku = "SWAP-1", trackedBy = "variant", product = "SWAP-1" } } })).EnsureSuccessStatusCode();
        var location = (await new BigCommerceInventoryClient(new HttpClient(), new ReplacedToken(), Options(sandbox))
            .ListLocationsAsync(Store, CancellationToken.None))[0].Id;
        var tokens = new ReplacedToken();
        var client = new BigCommerceInventoryClient(new HttpClient(), tokens, Options(sandbox));

        var result = await client.SetAbsoluteAsync(Store, "SWAP-1", null, new Dictionary<long, int> { [location] = 7 }, CancellationToken.None);

        Assert.Equal(AdjustmentOutcome.Applied, result.Outcome);
        Assert.Equal(1, tokens.Forgotten);
        var levels = await admin.GetFromJsonAsync<JsonArray>($"_admin/stores/{Store}/inventory");
        Assert.Equal(7, levels!.Single()!["levels"]!.AsObject().First().Value!.GetValue<long>());
    }

    private static Task<SandboxHost> StartAsync(int seedOrders) => SandboxHost.StartAsync(o =>
    {
        o.Stores.Clear();
        o.Stores.Add(new StoreSeedOptions { Hash = Store, Token = CurrentToken, SeedOrders = seedOrders });
    });

    private static IOptions<BigCommerceOptions> Options(SandboxHost sandbox) =>
        Microsoft.Extensions.Options.Options.Create(new BigCommerceOptions { ApiBaseUrl = sandbox.BaseAddress });

    private static async Task<long> FirstOrderIdAsync(HttpClient admin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"stores/{Store}/v2/orders?sort=id:asc&limit=1");
        request.Headers.Add("X-Auth-Token", CurrentToken);
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await admin.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var orders = await response.Content.ReadFromJsonAsync<JsonArray>();
        return orders![0]!["id"]!.GetValue<long>();
    }

    /// <summary>The token cache still holds the token a reinstall replaced; the vault has the current one.</summary>
    private sealed class ReplacedToken : IStoreTokenProvider
    {
        private volatile bool forgotten;
        private int forgets;

        public int Forgotten => forgets;

        public ValueTask<string> GetAccessTokenAsync(string storeHash, CancellationToken cancellationToken) =>
            ValueTask.FromResult(forgotten ? CurrentToken : "token-before-reinstall");

        public void Forget(string storeHash)
        {
            Interlocked.Increment(ref forgets);
            forgotten = true;
        }
    }
}
