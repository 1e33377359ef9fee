namespace Sandbox.BigCommerce;

/// <summary>V2's error body: a JSON array of {status, message}.</summary>
public static class BigCommerceErrors
{
    public sealed record Error(int Status, string Message);

    public static IResult Result(int status, string message) => Results.Json(new[] { new Error(status, message) }, statusCode: status);

    public static IResult NotFound() => Result(StatusCodes.Status404NotFound, "The requested resource was not found.");

    public static IResult StoreNotFound() => Result(StatusCodes.Status404NotFound, "Store not found.");

    public static IResult Unauthorized() => Result(StatusCodes.Status401Unauthorized, "You are not authorized to access this resource. Check the X-Auth-Token header.");

    public static IResult BadRequest(string message) => Result(StatusCodes.Status400BadRequest, message);

    public static IResult TooManyRequests() => Result(StatusCodes.Status429TooManyRequests, "You have exceeded the rate limit for this store. Wait X-Rate-Limit-Time-Reset-Ms before retrying.");
}
