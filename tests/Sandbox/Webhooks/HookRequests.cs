using System.Text.Json;
using System.Text.Json.Nodes;
using Sandbox.BigCommerce;

namespace Sandbox.Webhooks;

/// <summary>Reads webhook_Base / webhook_Put bodies; a malformed body is 400, a field of the wrong type 422.</summary>
public static class HookRequests
{
    public static async Task<(WebhookDraft? Draft, IResult? Error)> ReadDraftAsync(HttpRequest request)
    {
        var (body, error) = await ReadObjectAsync(request);
        if (body is null)
        {
            return (null, error);
        }
        if (!TryString(body, "scope", out var scope) || !TryString(body, "destination", out var destination))
        {
            return (null, V3Errors.Unprocessable(body.ContainsKey("scope") && !TryString(body, "scope", out _) ? "scope" : "destination", "must be a string."));
        }
        if (!TryBool(body, "is_active", out var isActive))
        {
            return (null, V3Errors.Unprocessable("is_active", "must be a boolean."));
        }
        if (!TryBool(body, "events_history_enabled", out var history))
        {
            return (null, V3Errors.Unprocessable("events_history_enabled", "must be a boolean."));
        }
        Dictionary<string, string>? headers = null;
        if (body["headers"] is JsonObject headerObject)
        {
            headers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, value) in headerObject)
            {
                if (value is null || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name))
                {
                    return (null, V3Errors.Unprocessable("headers", "must map header names to string values."));
                }
                headers[name] = value.GetValue<string>();
            }
        }
        else if (body["headers"] is not null)
        {
            return (null, V3Errors.Unprocessable("headers", "must be an object or null."));
        }
        return (new WebhookDraft(scope, destination, isActive, history, body.ContainsKey("headers"), headers), null);
    }

    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            var node = await JsonSerializer.DeserializeAsync<JsonNode>(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return node is JsonObject body ? (body, null) : (null, V3Errors.BadRequest("Input is invalid."));
        }
        catch (JsonException)
        {
            return (null, V3Errors.BadRequest("Input is invalid."));
        }
    }

    private static bool TryString(JsonObject body, string name, out string? value)
    {
        value = null;
        if (body[name] is not { } node)
        {
            return true;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }
        value = node.GetValue<string>();
        return true;
    }

    private static bool TryBool(JsonObject body, string name, out bool? value)
    {
        value = null;
        if (body[name] is not { } node)
        {
            return true;
        }
        if (node.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }
        value = node.GetValue<bool>();
        return true;
    }
}
