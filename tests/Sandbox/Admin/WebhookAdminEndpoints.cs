using Sandbox.BigCommerce;
using Sandbox.Webhooks;

namespace Sandbox.Admin;

/// <summary>
/// Control and inspection of BigCommerce's webhook service under <c>/_admin</c>: delivery attempts,
/// deactivation, duplicates, settings, stats, firing order events by hand. Plain HTTP, never faulted.
/// </summary>
public static class WebhookAdminEndpoints
{
    public static IEndpointRouteBuilder MapWebhookAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin");

        admin.MapGet("/stores/{hash}/webhooks", (StoreRegistry stores, WebhookRegistry hooks, string hash) =>
            stores.Find(hash) is null ? StoreNotFound(hash) : Results.Ok(hooks.List(hash).Select(WebhookView.Of).ToList()));

        admin.MapGet("/stores/{hash}/webhooks/deliveries", (StoreRegistry stores, WebhookDeliveryLog log, string hash, string? scope, long? orderId, long? hookId, string? eventId) =>
            stores.Find(hash) is null
                ? StoreNotFound(hash)
                : Results.Ok(log.For(hash)
                    .Where(a => scope is null || a.Scope == scope)
                    .Where(a => orderId is null || a.OrderId == orderId)
                    .Where(a => hookId is null || a.HookId == hookId)
                    .Where(a => eventId is null || a.EventId == eventId)
                    .ToList()));

        admin.MapPost("/stores/{hash}/webhooks/{id:long}/deactivate", (StoreRegistry stores, WebhookRegistry hooks, string hash, long id) =>
            stores.Find(hash) is null
                ? StoreNotFound(hash)
                : hooks.Deactivate(hash, id) is { } hook ? Results.Ok(WebhookView.Of(hook)) : Results.NotFound(new AdminError($"No webhook {id} in store '{hash}'.")));

        admin.MapPost("/stores/{hash}/webhooks/events", FireEvent);

        admin.MapPost("/webhooks/duplicate-next", (WebhookChaos chaos, StoreRegistry stores, DuplicateNextRequest body) =>
        {
            if (body.Count < 0)
            {
                return Results.BadRequest(new AdminError("count must be >= 0."));
            }
            if (body.StoreHash is { } hash && stores.Find(hash) is null)
            {
                return StoreNotFound(hash);
            }
            chaos.DuplicateNext(body.StoreHash, body.Count);
            return Results.Ok(new { pending = chaos.Pending() });
        });

        admin.MapPost("/webhooks/reorder-next", (WebhookChaos chaos, WebhookDispatcher dispatcher, StoreRegistry stores, DuplicateNextRequest body) =>
        {
            if (body.Count < 0)
            {
                return Results.BadRequest(new AdminError("count must be >= 0."));
            }
            if (body.StoreHash is { } hash && stores.Find(hash) is null)
            {
                return StoreNotFound(hash);
            }
            var released = chaos.ReorderNext(body.StoreHash, body.Count);
            dispatcher.Release(released);
            return Results.Ok(new { released = released.Count, waitingFor = chaos.Held() });
        });

        admin.MapGet("/webhooks/settings", (WebhookSettings settings) => Results.Ok(settings.Current));
        admin.MapPut("/webhooks/settings", (WebhookSettings settings, WebhookSettingsRequest body) =>
        {
            if (body.RetryScale is < 0 || (body.RetryScale is { } scale && double.IsNaN(scale)) || body.TimeoutMs is <= 0 ||
                body.BlocklistWindowMs is <= 0 || body.BlocklistMs is <= 0 || body.BlocklistMinRequests is <= 0)
            {
                return Results.BadRequest(new AdminError("retryScale must be >= 0; timeoutMs and the blocklist numbers positive."));
            }
            return Results.Ok(settings.Update(body.RetryScale, body.TimeoutMs, body.Enabled, body.Blocklist, body.BlocklistWindowMs, body.BlocklistMs, body.BlocklistMinRequests));
        });

        admin.MapGet("/webhooks/stats", (WebhookStats stats, WebhookChaos chaos) => Results.Ok(new { stats = stats.Read(), duplicateNext = chaos.Pending(), reorderNext = chaos.Held() }));
        admin.MapPost("/webhooks/reset", (SandboxWebhooks webhooks) =>
        {
            webhooks.Reset();
            return Results.NoContent();
        });

        return app;
    }

    /// <summary>Fires an order event as BigCommerce would, without changing the order (e.g. store/order/archived, which nothing else fires).</summary>
    private static IResult FireEvent(StoreRegistry stores, WebhookDispatcher dispatcher, TimeProvider clock, string hash, FireEventRequest body)
    {
        if (stores.Find(hash) is not { } store)
        {
            return StoreNotFound(hash);
        }
        if (store.Find(body.OrderId) is not { } order)
        {
            return Results.NotFound(new AdminError($"No order {body.OrderId} in store '{hash}'."));
        }
        var now = clock.GetUtcNow();
        WebhookEvent? e = body.Scope switch
        {
            WebhookScopes.OrderCreated or WebhookScopes.OrderUpdated or WebhookScopes.OrderArchived => WebhookEvent.Order(hash, body.Scope, order.Id, now),
            WebhookScopes.OrderStatusUpdated => WebhookEvent.OrderStatus(hash, order.Id, body.PreviousStatusId ?? order.StatusId, body.NewStatusId ?? order.StatusId, now),
            _ => null,
        };
        if (e is null)
        {
            return Results.BadRequest(new AdminError("scope must be store/order/created, updated, statusUpdated or archived."));
        }
        dispatcher.Publish(e);
        return Results.Accepted(value: new { scope = e.Scope, body = e.Body });
    }

    private static IResult StoreNotFound(string hash) => Results.NotFound(new AdminError($"No store '{hash}'."));
}

/// <summary>A hook as the admin endpoints show it (camelCase); <c>status</c> is active, inactive (by the API client) or deactivated (after failures).</summary>
public sealed record WebhookView(
    long Id, string ClientId, string StoreHash, string Scope, string Destination, IReadOnlyDictionary<string, string>? Headers,
    bool IsActive, string Status, bool? EventsHistoryEnabled, long CreatedAt, long UpdatedAt)
{
    public static WebhookView Of(Webhook h) =>
        new(h.Id, h.ClientId, h.StoreHash, h.Scope, h.Destination, h.Headers, h.IsActive, h.StatusName, h.EventsHistoryEnabled, h.CreatedAt, h.UpdatedAt);
}

public sealed record FireEventRequest(string Scope, long OrderId, int? PreviousStatusId = null, int? NewStatusId = null);
