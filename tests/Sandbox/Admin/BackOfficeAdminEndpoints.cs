using System.Text.Json.Nodes;
using Sandbox.BackOffice;

namespace Sandbox.Admin;

/// <summary>What the back office received, and how it should behave, under <c>/backoffice/_admin</c>. Never faulted.</summary>
public static class BackOfficeAdminEndpoints
{
    public static IEndpointRouteBuilder MapBackOfficeAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/backoffice/_admin");

        admin.MapGet("/deliveries", (SandboxState state, string? store) => Results.Ok(state.BackOfficeSummary(store)));

        admin.MapGet("/traceparents", (TraceParents traceParents, string? store) => Results.Ok(traceParents.For(store)));

        admin.MapGet("/bigcommerce-shipments", (BigCommerceShipmentInbox inbox, string? store) => Results.Ok(inbox.Summarize(store)));

        admin.MapGet("/orders/{storeHash}/{orderId:long}", (DeliveryLedger ledger, string storeHash, long orderId) =>
            ledger.Order(storeHash, orderId) is { } view
                ? Results.Ok(new
                {
                    view.StoreHash,
                    view.OrderId,
                    Last = JsonNode.Parse(view.Last),
                    LastRaw = view.Last,
                    view.Versions,
                })
                : Results.NotFound(new AdminError($"No accepted delivery for order {orderId} of store '{storeHash}'.")));

        admin.MapGet("/rejections", (RejectionRules rules) => Results.Ok(rules.All));
        admin.MapPut("/rejections", (RejectionRules rules, RejectionRequest body) => SetRule(rules, body, replace: true));
        admin.MapPost("/rejections", (RejectionRules rules, RejectionRequest body) => SetRule(rules, body, replace: false));
        admin.MapDelete("/rejections", (RejectionRules rules) =>
        {
            rules.Clear();
            return Results.NoContent();
        });

        admin.MapPut("/inventory", (InventoryFeed feed, InventoryRequest body) =>
        {
            if (string.IsNullOrWhiteSpace(body.StoreHash) || body.Items is null || body.Items.Any(i => string.IsNullOrWhiteSpace(i.Sku)))
            {
                return Results.BadRequest(new AdminError("storeHash and items[].sku are required."));
            }
            feed.Set(body.StoreHash, body.Items.Select(i => new InventoryFeed.InventoryItem(i.Sku, i.Quantity, i.Location)).ToList());
            return Results.NoContent();
        });

        admin.MapGet("/inventory", (InventoryFeed feed, string store) => Results.Ok(feed.Items(store)));
        admin.MapGet("/inventory/settings", (InventoryFeed feed) => Results.Ok(new { pageSize = feed.PageSize }));
        admin.MapPut("/inventory/settings", (InventoryFeed feed, FeedSettingsRequest body) =>
        {
            if (body.PageSize is < 1)
            {
                return Results.BadRequest(new AdminError("pageSize must be at least 1 (null = as the client asks)."));
            }
            feed.PageSize = body.PageSize;
            return Results.Ok(new { pageSize = feed.PageSize });
        });
        admin.MapGet("/inventory/corruption", (InventoryFeed feed) => Results.Ok(CorruptionView(feed.Corruption)));
        admin.MapPut("/inventory/corruption", (InventoryFeed feed, FeedCorruptionRequest body) =>
        {
            if (!FeedCorruption.TryParseKind(body.Kind, out var kind) || body.Page is < 1 || body.Times is < 1)
            {
                return Results.BadRequest(new AdminError("kind must be none, malformed-page, negative, non-numeric, duplicate-sku or fail-page; page and times at least 1."));
            }
            feed.Corruption = new FeedCorruption(kind, body.Page ?? 1, body.Times);
            return Results.Ok(CorruptionView(feed.Corruption));
        });
        admin.MapDelete("/inventory/corruption", (InventoryFeed feed) =>
        {
            feed.Corruption = null;
            return Results.NoContent();
        });

        // Signs a body with the sandbox's secret: handy from curl or a test that crafts requests by hand.
        admin.MapPost("/sign", async (HttpRequest request, SignatureVerifier signatures) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            return Results.Ok(new { signature = signatures.Sign(buffer.ToArray()) });
        });

        admin.MapPost("/reset", (SandboxState state, CatalogChangeFeed catalogChanges) =>
        {
            state.ResetBackOffice();
            catalogChanges.Reset();
            return Results.NoContent();
        });

        return app;
    }

    private static object CorruptionView(FeedCorruption? c) =>
        new { kind = FeedCorruption.Name(c?.Kind ?? FeedCorruptionKind.None), page = c?.Page, remaining = c?.Remaining };

    private static IResult SetRule(RejectionRules rules, RejectionRequest body, bool replace)
    {
        var rule = new RejectionRule(body.StoreHash, body.OrderIds ?? [], body.Status, body.Reason);
        var errors = RejectionRules.Validate(rule).ToList();
        if (errors.Count > 0)
        {
            return Results.BadRequest(new AdminError("Invalid rejection rule.", errors));
        }
        if (replace)
        {
            rules.Set(rule);
        }
        else
        {
            rules.Add(rule);
        }
        return Results.Ok(rules.All);
    }
}
