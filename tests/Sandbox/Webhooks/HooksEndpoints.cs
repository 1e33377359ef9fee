using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.BigCommerce;

namespace Sandbox.Webhooks;

/// <summary>
/// The V3 webhooks API under <c>/stores/{store_hash}/v3/hooks</c>, as webhooks.v3.yml says: same
/// X-Auth-Token, quota, rate-limit headers and <c>bigcommerce</c> faults as V2; errors in V3's
/// <c>{status, title, type, errors?}</c> shape.
/// </summary>
public static class HooksEndpoints
{
    public const string Create = "POST /v3/hooks";
    public const string List = "GET /v3/hooks";
    public const string Get = "GET /v3/hooks/{id}";
    public const string Update = "PUT /v3/hooks/{id}";
    public const string Delete = "DELETE /v3/hooks/{id}";
    public const string GetAdmin = "GET /v3/hooks/admin";
    public const string PutAdmin = "PUT /v3/hooks/admin";

    public const int DefaultLimit = 50;

    public static IEndpointRouteBuilder MapBigCommerceWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/stores/{storeHash}/v3/hooks");

        hooks.MapPost("/", CreateHook).StoreApiV3(Create);
        hooks.MapGet("/", ListHooks).StoreApiV3(List);
        hooks.MapGet("/admin", AdminInfo).StoreApiV3(GetAdmin);
        hooks.MapPut("/admin", UpsertEmails).StoreApiV3(PutAdmin);
        hooks.MapGet("/{id:long}", GetHook).StoreApiV3(Get);
        hooks.MapPut("/{id:long}", UpdateHook).StoreApiV3(Update);
        hooks.MapDelete("/{id:long}", DeleteHook).StoreApiV3(Delete);

        return app;
    }

    private static async Task<IResult> CreateHook(HttpContext http, WebhookRegistry registry)
    {
        var store = StoreApiFilter.CurrentStore(http);
        var (draft, error) = await HookRequests.ReadDraftAsync(http.Request);
        if (draft is null)
        {
            return error!;
        }
        var outcome = registry.Create(store.Hash, draft);
        return outcome.Ok ? One(outcome.Hook!) : V3Errors.Unprocessable(outcome.Field!, outcome.Error!);
    }

    private static IResult ListHooks(HttpContext http, WebhookRegistry registry)
    {
        var store = StoreApiFilter.CurrentStore(http);
        var query = http.Request.Query;
        if (!TryInt(query, "page", 1, out var page) || page < 1 || !TryInt(query, "limit", DefaultLimit, out var limit) || limit < 1)
        {
            return V3Errors.BadRequest("page and limit must be positive integers.");
        }
        if (!TryActive(query, out var active))
        {
            return V3Errors.BadRequest("is_active must be true or false.");
        }
        var scope = query["scope"].ToString();
        var destination = query["destination"].ToString();
        var matching = registry.List(store.Hash)
            .Where(h => active is null || h.IsActive == active)
            .Where(h => scope.Length == 0 || h.Scope == scope)
            .Where(h => destination.Length == 0 || h.Destination == destination)
            .ToList();
        var pageItems = matching.Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * limit)).Take(limit).ToList();
        return Json(new JsonObject
        {
            ["data"] = new JsonArray(pageItems.Select(h => (JsonNode)HookJson.Hook(h)).ToArray()),
            ["meta"] = new JsonObject { ["pagination"] = HookJson.Pagination(matching.Count, pageItems.Count, limit, page) },
        });
    }

    private static IResult GetHook(HttpContext http, WebhookRegistry registry, long id) =>
        registry.Find(StoreApiFilter.CurrentStore(http).Hash, id) is { } hook ? One(hook) : NotFound(id);

    private static async Task<IResult> UpdateHook(HttpContext http, WebhookRegistry registry, long id)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (registry.Find(store.Hash, id) is null)
        {
            return NotFound(id);
        }
        var (draft, error) = await HookRequests.ReadDraftAsync(http.Request);
        if (draft is null)
        {
            return error!;
        }
        return registry.Update(store.Hash, id, draft) switch
        {
            null => NotFound(id),
            { Ok: true } ok => One(ok.Hook!),
            var failed => V3Errors.Unprocessable(failed.Field!, failed.Error!),
        };
    }

    private static IResult DeleteHook(HttpContext http, WebhookRegistry registry, long id) =>
        registry.Delete(StoreApiFilter.CurrentStore(http).Hash, id) is { } deleted ? One(deleted) : NotFound(id);

    /// <summary><c>blocked_domains</c> stays empty unless <c>Sandbox:Webhooks:Blocklist</c> is on.</summary>
    private static IResult AdminInfo(HttpContext http, WebhookRegistry registry, WebhookBlocklist blocklist)
    {
        var store = StoreApiFilter.CurrentStore(http);
        if (!TryActive(http.Request.Query, out var active))
        {
            return V3Errors.BadRequest("is_active must be true or false.");
        }
        var hooks = registry.List(store.Hash).Where(h => active is null || h.IsActive == active).ToList();
        return Json(new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["emails"] = new JsonArray(registry.Emails(store.Hash).Select(e => (JsonNode)JsonValue.Create(e)).ToArray()),
                ["hooks_list"] = new JsonArray(hooks.Select(h => (JsonNode)HookJson.Hook(h, withStatus: true)).ToArray()),
                ["blocked_domains"] = new JsonArray(blocklist.Current().Select(b => (JsonNode)new JsonObject
                {
                    ["destination"] = b.Destination,
                    ["time_left"] = b.TimeLeft,
                    ["reasons"] = new JsonArray(b.Reasons.Select(r => (JsonNode)new JsonObject
                    {
                        ["failure_description"] = r.FailureDescription,
                        ["count"] = r.Count,
                        ["timestamp"] = r.Timestamp,
                    }).ToArray()),
                }).ToArray()),
            },
            ["meta"] = new JsonObject { ["pagination"] = HookJson.Pagination(hooks.Count, hooks.Count, Math.Max(1, hooks.Count), 1) },
        });
    }

    private static async Task<IResult> UpsertEmails(HttpContext http, WebhookRegistry registry)
    {
        var store = StoreApiFilter.CurrentStore(http);
        var (body, error) = await HookRequests.ReadObjectAsync(http.Request);
        if (body is null)
        {
            return error!;
        }
        if (body["emails"] is not JsonArray array)
        {
            return V3Errors.Unprocessable("emails", "error.path.missing.");
        }
        var emails = new List<string>();
        foreach (var item in array)
        {
            if (item is null || item.GetValueKind() != JsonValueKind.String || !IsEmail(item.GetValue<string>()))
            {
                return V3Errors.Unprocessable("emails", "must be a list of email addresses.");
            }
            emails.Add(item.GetValue<string>());
        }
        registry.SetEmails(store.Hash, emails);
        return Results.NoContent();
    }

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < value.Length - 1 && value.IndexOf('@', at + 1) < 0 && !value.Any(char.IsWhiteSpace);
    }

    private static bool TryInt(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        var raw = query[name].ToString();
        return raw.Length == 0 || int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryActive(IQueryCollection query, out bool? active)
    {
        active = null;
        var raw = query["is_active"].ToString();
        if (raw.Length == 0)
        {
            return true;
        }
        if (bool.TryParse(raw, out var parsed))
        {
            active = parsed;
            return true;
        }
        return false;
    }

    private static IResult One(Webhook hook) => Json(new JsonObject { ["data"] = HookJson.Hook(hook), ["meta"] = new JsonObject() });

    private static IResult NotFound(long id) => V3Errors.Result(StatusCodes.Status404NotFound, $"Webhook with id [{id}] not found");

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(SandboxJson.Options), "application/json", System.Text.Encoding.UTF8);
}
