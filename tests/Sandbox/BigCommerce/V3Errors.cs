namespace Sandbox.BigCommerce;

/// <summary>V3's error body (error_Full / errorDetailed_Full): <c>{status, title, type, errors?}</c>.</summary>
public static class V3Errors
{
    public const string TypeLink = "/api-docs/getting-started/api-status-codes";

    public static IResult Result(int status, string title, IReadOnlyDictionary<string, string>? errors = null) =>
        Results.Json(
            errors is null
                ? new Dictionary<string, object> { ["status"] = status, ["title"] = title, ["type"] = TypeLink }
                : new Dictionary<string, object> { ["status"] = status, ["title"] = title, ["type"] = TypeLink, ["errors"] = errors },
            SandboxJson.Options,
            statusCode: status);

    /// <summary>
    /// inventory.v3.yml's ErrorResponse: <c>application/problem+json</c>, the full type URL and <c>errors</c> always
    /// present (<c>{}</c> when the title says it all), as the spec's 422 example.
    /// </summary>
    public static IResult Problem(int status, string title, IReadOnlyDictionary<string, string> errors) =>
        Results.Json(
            new Dictionary<string, object> { ["status"] = status, ["title"] = title, ["type"] = "https://developer.bigcommerce.com" + TypeLink, ["errors"] = errors },
            SandboxJson.Options,
            contentType: "application/problem+json",
            statusCode: status);

    public static IResult StoreNotFound() => Result(StatusCodes.Status404NotFound, "Store not found.");

    public static IResult Unauthorized() => Result(StatusCodes.Status401Unauthorized, "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.");

    public static IResult TooManyRequests() => Result(StatusCodes.Status429TooManyRequests, "You have exceeded the rate limit for this store. Wait X-Rate-Limit-Time-Reset-Ms before retrying.");

    public static IResult BadRequest(string title) => Result(StatusCodes.Status400BadRequest, title);

    public static IResult Unprocessable(string field, string message) =>
        Result(StatusCodes.Status422UnprocessableEntity, "JSON data is missing or invalid", new Dictionary<string, string> { [field] = message });
}
