using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sandbox.BigCommerce;

/// <summary>A V2 write's body as BigCommerce reads it: a JSON object, or a 400 saying what is wrong.</summary>
public static class JsonRequestBody
{
    public static async Task<(JsonObject? Body, IResult? Refusal)> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<JsonNode>(http.Request.Body, cancellationToken: http.RequestAborted) is JsonObject body
                ? (body, null)
                : (null, BigCommerceErrors.BadRequest("The request body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, BigCommerceErrors.BadRequest("The request body is not valid JSON."));
        }
    }
}
