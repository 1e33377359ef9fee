using Microsoft.AspNetCore.Hosting.Server;
using Sandbox.KeyVault;

namespace Sandbox.Admin;

/// <summary>
/// The Key Vault stand-in seen from the plain HTTP admin port: its certificate (to pin), its
/// secrets without their values (a test asserts a token is stored without printing it), one
/// value on demand, and request counts per route.
/// </summary>
public static class KeyVaultAdminEndpoints
{
    public static IEndpointRouteBuilder MapKeyVaultAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/_admin/keyvault");

        admin.MapGet("/certificate", (IServer server, KeyVaultTlsCertificate certificate) =>
            Results.Ok(new KeyVaultCertificateView(certificate.ThumbprintSha256, certificate.Pem, KeyVaultListener.Address(server).ToString())));
        admin.MapGet("/secrets", (SecretVault vault) => Results.Ok(vault.Summaries()));
        admin.MapGet("/secrets/{name}/value", (SecretVault vault, string name) =>
            vault.LatestValue(name) is { } value ? Results.Ok(new SecretValueView(value)) : SecretNotFound(name));
        admin.MapPut("/secrets/{name}", SeedSecret);
        admin.MapDelete("/secrets/{name}", (SecretVault vault, string name) => vault.Remove(name) ? Results.NoContent() : SecretNotFound(name));
        admin.MapGet("/stats", (KeyVaultStats stats) => Results.Ok(stats.Snapshot()));
        admin.MapPost("/reset", (SecretVault vault, KeyVaultStats stats) =>
        {
            vault.Reset();
            stats.Reset();
            return Results.NoContent();
        });
        return app;
    }

    private static IResult SeedSecret(SecretVault vault, string name, SeedSecretRequest body)
    {
        if (!KeyVaultEndpoints.IsValidName(name) || body.Value is null)
        {
            return Results.BadRequest(new AdminError("name must be 1-127 letters, digits or '-', and value is required."));
        }
        var (outcome, _) = vault.Set(name, body.Value, body.ContentType, body.Tags);
        return outcome == SecretVault.SetOutcome.Set
            ? Results.Ok(vault.Summaries().First(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            : Results.Conflict(new AdminError($"Secret '{name}' is deleted but recoverable; recover it or remove it first."));
    }

    private static IResult SecretNotFound(string name) => Results.NotFound(new AdminError($"No secret '{name}', live or deleted."));
}

/// <param name="ThumbprintSha256">Upper-case hex SHA-256 of the certificate; compare case-insensitively.</param>
/// <param name="VaultUri">The HTTPS base the vault listens on, e.g. https://127.0.0.1:7102/.</param>
public sealed record KeyVaultCertificateView(string ThumbprintSha256, string Pem, string VaultUri);

public sealed record SecretValueView(string Value);

public sealed record SeedSecretRequest(string? Value, string? ContentType = null, Dictionary<string, string>? Tags = null);
