using System.Text.Json.Nodes;
using Sandbox.BigCommerce;
using Sandbox.Webhooks;

namespace Sandbox.Admin;

/// <summary>
/// Control of the BigCommerce stand-in under <c>/_admin</c>: stores, quotas, orders, corruption,
/// stats. No auth, never rate limited, never faulted.
/// </summary>
public static class StoreAdminEndpoints
{
    public static IEndpointRouteBuilder MapStoreAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin");

        admin.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        admin.MapPost("/reset", (SandboxState state) =>
        {
            state.ResetAll();
            return Results.NoContent();
        });
        admin.MapPost("/stats/reset", (SandboxState state) =>
        {
            state.ResetStats();
            return Results.NoContent();
        });

        admin.MapGet("/stores", (HttpRequest request, StoreRegistry stores) =>
            Results.Ok(stores.All.Select(s => Summary(request, s)).ToList()));
        admin.MapGet("/stores/{hash}", (HttpRequest request, StoreRegistry stores, string hash) =>
            stores.Find(hash) is { } store ? Results.Ok(Summary(request, store)) : StoreNotFound(hash));
        admin.MapPost("/stores", CreateStore);
        admin.MapPut("/stores/{hash}/quota", SetQuota);
        admin.MapPut("/stores/{hash}/scopes", (StoreRegistry stores, string hash, DeniedScopesRequest body) =>
        {
            if (stores.Find(hash) is not { } store)
            {
                return StoreNotFound(hash);
            }

            store.DenyScopes(body.Denied ?? []);
            return Results.Ok(new DeniedScopesRequest([.. store.DeniedScopes]));
        });
        // The merchant deleted the API account, or the app was installed again elsewhere: the token gets 401 from now on.
        admin.MapPost("/stores/{hash}/token/revoke", (StoreRegistry stores, string hash) =>
            stores.RevokeToken(hash) ? Results.NoContent() : StoreNotFound(hash));
        admin.MapGet("/stores/{hash}/stats", (StoreRegistry stores, string hash) =>
            stores.Find(hash) is { } store ? Results.Ok(store.Stats.Snapshot()) : StoreNotFound(hash));

        admin.MapPost("/stores/{hash}/orders", CreateOrders);
        admin.MapGet("/stores/{hash}/orders/{id:long}", GetOrder);
        admin.MapPatch("/stores/{hash}/orders/{id:long}", ModifyOrder);
        admin.MapPut("/stores/{hash}/orders/{id:long}/corruption", SetCorruption);

        return app;
    }

    private static IResult CreateStore(HttpRequest request, StoreRegistry stores, CreateStoreRequest body)
    {
        if (string.IsNullOrWhiteSpace(body.Hash) || string.IsNullOrWhiteSpace(body.Token))
        {
            return Results.BadRequest(new AdminError("hash and token are required."));
        }
        if (body.Quota is <= 0 || body.WindowMs is <= 0 || body.SeedOrders is < 0)
        {
            return Results.BadRequest(new AdminError("quota and windowMs must be positive, seedOrders >= 0."));
        }

        var (outcome, store) = stores.Create(body.Hash, body.Token, body.Quota, body.WindowMs, body.SeedOrders ?? 0);
        return outcome switch
        {
            StoreRegistry.CreateOutcome.Created => Results.Created($"/_admin/stores/{store.Hash}", Summary(request, store)),
            StoreRegistry.CreateOutcome.Existing => Results.Ok(Summary(request, store)),
            _ => Results.Conflict(new AdminError($"Store '{body.Hash}' exists with another token.")),
        };
    }

    private static IResult SetQuota(HttpRequest request, StoreRegistry stores, string hash, QuotaRequest body)
    {
        if (stores.Find(hash) is not { } store)
        {
            return StoreNotFound(hash);
        }
        if (body.Quota <= 0 || body.WindowMs is <= 0)
        {
            return Results.BadRequest(new AdminError("quota and windowMs must be positive."));
        }
        store.RateLimiter.Reconfigure(body.Quota, body.WindowMs ?? store.RateLimiter.WindowMs);
        return Results.Ok(Summary(request, store));
    }

    private static IResult CreateOrders(StoreRegistry stores, OrderWebhooks webhooks, string hash, CreateOrdersRequest body)
    {
        if (stores.Find(hash) is not { } store)
        {
            return StoreNotFound(hash);
        }
        if (body.Count is < 0 or > 100_000)
        {
            return Results.BadRequest(new AdminError("count must be between 0 and 100000."));
        }
        if (body.StatusId is { } status && !OrderStatuses.IsKnown(status))
        {
            return Results.BadRequest(new AdminError("statusId must be 0-14."));
        }
        if (body.LineItems is < 1 or > 1000)
        {
            return Results.BadRequest(new AdminError("lineItems must be between 1 and 1000."));
        }

        var ids = store.CreateOrders(body.Count, body.StatusId ?? OrderStatuses.AwaitingFulfillment, body.LineItems, body.CreatedAt);
        webhooks.Created(store, ids);
        return Results.Json(new CreateOrdersResponse(ids), statusCode: StatusCodes.Status201Created);
    }

    private static IResult GetOrder(HttpRequest request, StoreRegistry stores, string hash, long id)
    {
        if (stores.Find(hash) is not { } store)
        {
            return StoreNotFound(hash);
        }
        return store.Find(id) is { } order ? Results.Ok(View(request, store, order)) : OrderNotFound(hash, id);
    }

    private static IResult ModifyOrder(HttpRequest request, StoreRegistry stores, OrderWebhooks webhooks, string hash, long id, ModifyOrderRequest body)
    {
        if (stores.Find(hash) is not { } store)
        {
            return StoreNotFound(hash);
        }
        if (body.StatusId is { } status && !OrderStatuses.IsKnown(status))
        {
            return Results.BadRequest(new AdminError("statusId must be 0-14."));
        }

        // Even an empty PATCH bumps date_modified: "touch the order" is a useful test action.
        var change = store.Change(id, o => o with
        {
            StatusId = body.StatusId ?? o.StatusId,
            CustomerMessage = body.CustomerMessage ?? o.CustomerMessage,
            StaffNotes = body.StaffNotes ?? o.StaffNotes,
        });
        if (change is not { } c)
        {
            return OrderNotFound(hash, id);
        }
        webhooks.Changed(store, c.Previous, c.Updated);
        return Results.Ok(View(request, store, c.Updated));
    }

    private static IResult SetCorruption(StoreRegistry stores, string hash, long id, CorruptionRequest body)
    {
        if (stores.Find(hash) is not { } store)
        {
            return StoreNotFound(hash);
        }
        if (!OrderCorruptionNames.TryParse(body.Kind, out var kind))
        {
            return Results.BadRequest(new AdminError("kind must be one of: none, missing-fields, wrong-types, html."));
        }
        return store.SetCorruption(id, kind) ? Results.Ok(new CorruptionResponse(id, kind.Key())) : OrderNotFound(hash, id);
    }

    private static StoreSummary Summary(HttpRequest request, Store store) => new(
        store.Hash, store.Token, store.RateLimiter.Quota, store.RateLimiter.WindowMs, store.OrderCount,
        OrdersEndpoints.ApiBase(request, store.Hash));

    private static AdminOrderView View(HttpRequest request, Store store, StoredOrder order) => new(
        OrderJson.Order(order, OrdersEndpoints.ApiBase(request, store.Hash), ConsignmentInclude.None),
        new JsonArray(order.Lines.Select(l => (JsonNode)OrderJson.Product(order, l)).ToArray()),
        store.CorruptionOf(order.Id).Key(),
        store.PlacedAt(order.Id));

    private static IResult StoreNotFound(string hash) => Results.NotFound(new AdminError($"No store '{hash}'."));

    private static IResult OrderNotFound(string hash, long id) => Results.NotFound(new AdminError($"No order {id} in store '{hash}'."));
}
