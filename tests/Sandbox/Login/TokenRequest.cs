using System.Text.Json;

namespace Sandbox.Login;

/// <summary>The body of POST /oauth2/token, from JSON (as BigCommerce documents it) or a form.</summary>
public sealed record TokenRequest(
    string? ClientId, string? ClientSecret, string? Code, string? Context, string? Scope, string? GrantType, string? RedirectUri)
{
    /// <returns>Null and an error when the body is neither a JSON object of strings nor a form.</returns>
    public static async Task<(TokenRequest? Request, string? Error)> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            return (From(Field), null);
        }

        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"Unsupported Content-Type '{type}': send application/json.");
        }
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The body must be a JSON object.");
            }
            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new JsonException($"'{property.Name}' must be a string."),
                };
            }
            return (From(fields.GetValueOrDefault), null);
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON: {e.Message}");
        }
    }

    private static TokenRequest From(Func<string, string?> field) => new(
        field("client_id"), field("client_secret"), field("code"), field("context"), field("scope"), field("grant_type"), field("redirect_uri"));
}
