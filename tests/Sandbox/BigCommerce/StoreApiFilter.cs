using System.Security.Cryptography;
using System.Text;
using Sandbox.Faults;

namespace Sandbox.BigCommerce;

/// <summary>
/// What every store API request goes through, in BigCommerce's order: find the store (404),
/// count the request, check X-Auth-Token (401, not charged to the quota), the token's scopes (403, the same), take a quota unit
/// (429 past it), then any injected fault, then the endpoint. Every answer from a known store
/// carries the X-Rate-Limit-* headers.
/// </summary>
public sealed class StoreApiFilter(string endpoint, bool v3 = false) : IEndpointFilter
{
    public const string AuthTokenHeader = "X-Auth-Token";
    private const string StoreItem = "Sandbox.Store";

    public static Store CurrentStore(HttpContext http) =>
        http.Items[StoreItem] as Store ?? throw new InvalidOperationException("Store API endpoint without StoreApiFilter.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var registry = http.RequestServices.GetRequiredService<StoreRegistry>();
        if (http.GetRouteValue("storeHash") is not string hash || registry.Find(hash) is not { } store)
        {
            return v3 ? V3Errors.StoreNotFound() : BigCommerceErrors.StoreNotFound();
        }

        store.Stats.CountRequest(endpoint);

        if (!TokenMatches(http.Request.Headers[AuthTokenHeader].ToString(), store.Token))
        {
            store.Stats.CountUnauthorized();
            RateLimitHeaders.Write(http.Response, store.RateLimiter.Peek());
            return v3 ? V3Errors.Unauthorized() : BigCommerceErrors.Unauthorized();
        }

        if (ApiScopes.Required(endpoint) is { } scope && store.DeniedScopes.Contains(scope))
        {
            RateLimitHeaders.Write(http.Response, store.RateLimiter.Peek());
            return v3 ? V3Errors.Result(StatusCodes.Status403Forbidden, ApiScopes.MissingScopeMessage)
                : BigCommerceErrors.Result(StatusCodes.Status403Forbidden, ApiScopes.MissingScopeMessage);
        }

        var window = store.RateLimiter.Acquire();
        RateLimitHeaders.Write(http.Response, window);
        if (!window.Allowed)
        {
            store.Stats.CountRateLimited();
            return v3 ? V3Errors.TooManyRequests() : BigCommerceErrors.TooManyRequests();
        }

        http.Items[StoreItem] = store;
        var faults = http.RequestServices.GetRequiredService<FaultInjector>();
        return await faults.InvokeAsync(FaultTarget.BigCommerce, http, new BigCommerceFaultResponder(store), store.Stats.InjectedFaults, () => next(context));
    }

    private static bool TokenMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

public static class StoreApiFilterExtensions
{
    /// <summary>Marks an endpoint as part of a store's V2 API, counted under <paramref name="endpoint"/>.</summary>
    public static RouteHandlerBuilder StoreApi(this RouteHandlerBuilder builder, string endpoint) =>
        builder.AddEndpointFilter(new StoreApiFilter(endpoint));

    /// <summary>The same for a V3 endpoint: same auth, quota and faults, errors shaped as V3's <c>{status, title, type}</c>.</summary>
    public static RouteHandlerBuilder StoreApiV3(this RouteHandlerBuilder builder, string endpoint) =>
        builder.AddEndpointFilter(new StoreApiFilter(endpoint, v3: true));
}
