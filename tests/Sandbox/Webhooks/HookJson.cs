using System.Text.Json.Nodes;

namespace Sandbox.Webhooks;

/// <summary>A hook as the V3 API renders it (webhook_Full), snake_case.</summary>
public static class HookJson
{
    public static JsonObject Hook(Webhook hook, bool withStatus = false)
    {
        var json = new JsonObject
        {
            ["id"] = hook.Id,
            ["client_id"] = hook.ClientId,
            ["store_hash"] = hook.StoreHash,
            ["scope"] = hook.Scope,
            ["destination"] = hook.Destination,
            ["headers"] = hook.Headers is null ? null : new JsonObject(hook.Headers.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
            ["is_active"] = hook.IsActive,
            ["created_at"] = hook.CreatedAt,
            ["updated_at"] = hook.UpdatedAt,
        };
        if (hook.EventsHistoryEnabled is { } history)
        {
            json["events_history_enabled"] = history;
        }
        if (withStatus)
        {
            json["status"] = hook.StatusName;
        }
        return json;
    }

    public static JsonObject Pagination(int total, int count, int limit, int page)
    {
        var totalPages = Math.Max(1, (int)Math.Ceiling(total / (double)limit));
        var links = new JsonObject { ["current"] = $"?page={page}&limit={limit}" };
        if (page > 1)
        {
            links["previous"] = $"?page={page - 1}&limit={limit}";
        }
        if (page < totalPages)
        {
            links["next"] = $"?page={page + 1}&limit={limit}";
        }
        return new JsonObject
        {
            ["total"] = total,
            ["count"] = count,
            ["per_page"] = limit,
            ["current_page"] = page,
            ["total_pages"] = totalPages,
            ["links"] = links,
        };
    }
}
