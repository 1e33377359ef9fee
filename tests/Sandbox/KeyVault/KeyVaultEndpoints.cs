using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sandbox.KeyVault;

/// <summary>
/// Key Vault's secrets REST API (api-version accepted and ignored), on the HTTPS listener only.
/// Delete is soft: the secret moves to /deletedsecrets, which is what SecretClient's delete and
/// recover operations poll, and both complete on their first poll.
/// </summary>
public static partial class KeyVaultEndpoints
{
    public static IEndpointRouteBuilder MapKeyVault(this IEndpointRouteBuilder app)
    {
        app.MapPut("/secrets/{name}", SetSecret).KeyVaultApi(KeyVaultEndpointNames.SetSecret);
        app.MapGet("/secrets", ListSecrets).KeyVaultApi(KeyVaultEndpointNames.ListSecrets);
        app.MapGet("/secrets/{name}", (HttpRequest request, SecretVault vault, string name) => GetSecret(request, vault, name, null))
            .KeyVaultApi(KeyVaultEndpointNames.GetSecret);
        app.MapGet("/secrets/{name}/versions", ListVersions).KeyVaultApi(KeyVaultEndpointNames.ListSecretVersions);
        app.MapGet("/secrets/{name}/{version}", GetSecret).KeyVaultApi(KeyVaultEndpointNames.GetSecretVersion);
        app.MapDelete("/secrets/{name}", DeleteSecret).KeyVaultApi(KeyVaultEndpointNames.DeleteSecret);
        app.MapGet("/deletedsecrets", ListDeleted).KeyVaultApi(KeyVaultEndpointNames.ListDeletedSecrets);
        app.MapGet("/deletedsecrets/{name}", GetDeleted).KeyVaultApi(KeyVaultEndpointNames.GetDeletedSecret);
        app.MapPost("/deletedsecrets/{name}/recover", Recover).KeyVaultApi(KeyVaultEndpointNames.RecoverDeletedSecret);
        app.MapDelete("/deletedsecrets/{name}", Purge).KeyVaultApi(KeyVaultEndpointNames.PurgeDeletedSecret);
        return app;
    }

    /// <summary>Key Vault's rule for object names: 1-127 letters, digits and dashes.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    private static async Task<IResult> SetSecret(HttpRequest request, SecretVault vault, string name)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }

        SetSecretBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SetSecretBody>(request.Body, SecretJson.Options, request.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return KeyVaultErrors.BadParameter($"The request body is not a valid secret: {e.Message}");
        }
        if (body?.Value is null)
        {
            return KeyVaultErrors.BadParameter("The parameter 'value' is required.");
        }

        var (outcome, version) = vault.Set(name, body.Value, body.ContentType, body.Tags,
            body.Attributes?.Enabled ?? true, body.Attributes?.Nbf, body.Attributes?.Exp);
        return outcome == SecretVault.SetOutcome.DeletedButRecoverable
            ? KeyVaultErrors.DeletedButRecoverable(name)
            : Json(SecretJson.Bundle(SecretJson.VaultBase(request), version!, vault, withValue: true));
    }

    private static IResult GetSecret(HttpRequest request, SecretVault vault, string name, string? version)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }
        if (vault.Get(name, version) is not { } secret)
        {
            return KeyVaultErrors.SecretNotFound(version is null ? name : $"{name}/{version}");
        }
        return secret.Enabled
            ? Json(SecretJson.Bundle(SecretJson.VaultBase(request), secret, vault, withValue: true))
            : KeyVaultErrors.Disabled();
    }

    private static IResult ListSecrets(HttpRequest request, SecretVault vault)
    {
        var baseUrl = SecretJson.VaultBase(request);
        return Json(new SecretPage<SecretItem>(vault.ListLatest().Select(v => SecretJson.Item(baseUrl, v, vault)).ToList()));
    }

    private static IResult ListVersions(HttpRequest request, SecretVault vault, string name)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }
        // Key Vault answers an empty list, not 404, for a name it doesn't hold.
        var baseUrl = SecretJson.VaultBase(request);
        var versions = vault.Versions(name) ?? [];
        return Json(new SecretPage<SecretItem>(versions.Select(v => SecretJson.VersionItem(baseUrl, v, vault)).ToList()));
    }

    private static IResult DeleteSecret(HttpRequest request, SecretVault vault, string name)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }
        return vault.Delete(name) is { } deleted
            ? Json(SecretJson.Deleted(SecretJson.VaultBase(request), deleted, vault))
            : KeyVaultErrors.SecretNotFound(name);
    }

    private static IResult ListDeleted(HttpRequest request, SecretVault vault)
    {
        var baseUrl = SecretJson.VaultBase(request);
        return Json(new SecretPage<DeletedSecretItem>(vault.ListDeleted().Select(d => SecretJson.DeletedItem(baseUrl, d, vault)).ToList()));
    }

    private static IResult GetDeleted(HttpRequest request, SecretVault vault, string name)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }
        return vault.GetDeleted(name) is { } deleted
            ? Json(SecretJson.Deleted(SecretJson.VaultBase(request), deleted, vault))
            : KeyVaultErrors.DeletedSecretNotFound();
    }

    private static IResult Recover(HttpRequest request, SecretVault vault, string name)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }
        // Key Vault's answer to a recover carries the secret's identity and attributes, not its value.
        return vault.Recover(name) is { } recovered
            ? Json(SecretJson.Bundle(SecretJson.VaultBase(request), recovered, vault, withValue: false))
            : KeyVaultErrors.DeletedSecretNotFound();
    }

    private static IResult Purge(SecretVault vault, string name)
    {
        if (!IsValidName(name))
        {
            return InvalidName(name);
        }
        return vault.Purge(name) switch
        {
            SecretVault.PurgeOutcome.Purged => Results.NoContent(),
            SecretVault.PurgeOutcome.Forbidden => KeyVaultErrors.PurgeNotEnabled(),
            _ => KeyVaultErrors.DeletedSecretNotFound(),
        };
    }

    private static IResult Json<T>(T value) => Results.Json(value, SecretJson.Options);

    private static IResult InvalidName(string name) => KeyVaultErrors.BadParameter($"The request URI contains an invalid name: {name}");

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
