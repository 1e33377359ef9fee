using System.Text.Json.Nodes;

namespace Sandbox.KeyVault;

/// <summary>Key Vault's error body: <c>{"error":{"code","message","innererror"?:{"code"}}}</c>.</summary>
public static class KeyVaultErrors
{
    /// <summary>What Key Vault answers a request without (or with a bad) token; SecretClient's challenge policy reads it.</summary>
    public const string BearerChallenge =
        "Bearer authorization=\"https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47\", resource=\"https://vault.azure.net\"";

    public static IResult Error(int status, string code, string message, string? innerCode = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (innerCode is not null)
        {
            error["innererror"] = new JsonObject { ["code"] = innerCode };
        }
        return Results.Json(new JsonObject { ["error"] = error }, SecretJson.Options, statusCode: status);
    }

    public static IResult Unauthorized(HttpResponse response, string message)
    {
        response.Headers.WWWAuthenticate = BearerChallenge;
        return Error(StatusCodes.Status401Unauthorized, "Unauthorized", message);
    }

    public static IResult BadParameter(string message) => Error(StatusCodes.Status400BadRequest, "BadParameter", message);

    public static IResult SecretNotFound(string nameOrId) => Error(
        StatusCodes.Status404NotFound, "SecretNotFound",
        $"A secret with (name/id) {nameOrId} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");

    public static IResult DeletedSecretNotFound() => Error(StatusCodes.Status404NotFound, "SecretNotFound", "Deleted Secret not found");

    public static IResult DeletedButRecoverable(string name) => Error(
        StatusCodes.Status409Conflict, "Conflict",
        $"Secret {name} is currently in a deleted but recoverable state, and its name cannot be reused; in this state, the secret can only be recovered or purged.",
        "ObjectIsDeletedButRecoverable");

    public static IResult PurgeNotEnabled() => Error(StatusCodes.Status403Forbidden, "Forbidden", "Operation \"purge\" is not enabled for this vault.");

    public static IResult Disabled() => Error(StatusCodes.Status403Forbidden, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
}
