using System.Text.Json.Nodes;

namespace Sandbox.Login;

/// <summary>OAuth 2.0 error bodies (RFC 6749 §5.2): <c>{"error":"invalid_grant","error_description":"…"}</c>.</summary>
public static class LoginErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";

    public static IResult Result(int status, string error, string description)
    {
        var body = new JsonObject { ["error"] = error, ["error_description"] = description };
        return Results.Json(body, SandboxJson.Options, statusCode: status);
    }

    public static IResult BadRequest(string error, string description) => Result(StatusCodes.Status400BadRequest, error, description);
}
