using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sandbox.KeyVault;

/// <summary>
/// The second Kestrel listener: HTTPS on loopback with <see cref="KeyVaultTlsCertificate"/>,
/// serving only the Key Vault routes, while the plain HTTP listener(s) serve everything else.
/// </summary>
public static class KeyVaultListener
{
    /// <summary>Marks the endpoints served on the HTTPS listener.</summary>
    public sealed class Route
    {
        public static Route Instance { get; } = new();
    }

    public static bool TryParseUrl(string? url, out Uri uri, out string error)
    {
        uri = null!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
        {
            error = $"must be an absolute https URL, not '{url}'.";
            return false;
        }
        var loopback = string.Equals(parsed.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback || parsed.AbsolutePath != "/" || parsed.Query.Length > 0)
        {
            error = $"must be https://<loopback address>:<port> (127.0.0.1, [::1] or localhost; port 0 for a free one), not '{url}'.";
            return false;
        }
        uri = parsed;
        error = "";
        return true;
    }

    /// <summary>
    /// Binds the HTTP URLs the sandbox was given (or its default) plus the Key Vault URL, and
    /// gives HTTPS the generated certificate. Everything goes through <c>urls</c>: listeners
    /// declared in code would make Kestrel ignore <c>--urls</c>.
    /// </summary>
    public static void Configure(WebApplicationBuilder builder, string defaultHttpUrl, string keyVaultUrl, KeyVaultTlsCertificate certificate)
    {
        var urls = builder.Configuration["urls"];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var httpPorts = builder.Configuration["http_ports"];
            urls = string.IsNullOrWhiteSpace(httpPorts)
                ? defaultHttpUrl
                : string.Join(';', httpPorts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}"));
        }

        var http = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (http.Any(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException(
                $"The sandbox's --urls are plain HTTP ('{urls}'); its only HTTPS listener is Key Vault's, set by Sandbox:KeyVault:Url.");
        }

        // A malformed Key Vault URL is left out here so that options validation reports it clearly at start.
        builder.WebHost.UseUrls(TryParseUrl(keyVaultUrl, out _, out _) ? [.. http, keyVaultUrl] : http);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate.Certificate));
    }

    /// <summary>HTTPS requests reach only Key Vault routes, plain HTTP only the others; anything else is 404.</summary>
    public static void UseListenerSeparation(this WebApplication app)
    {
        app.UseRouting();
        app.Use(async (http, next) =>
        {
            var vaultRoute = http.GetEndpoint()?.Metadata.GetMetadata<Route>() is not null;
            if (http.Request.IsHttps == vaultRoute)
            {
                await next(http);
                return;
            }
            var notFound = http.Request.IsHttps
                ? KeyVaultErrors.Error(StatusCodes.Status404NotFound, "NotFound", $"No Key Vault operation at {http.Request.Method} {http.Request.Path}.")
                : Results.NotFound();
            await notFound.ExecuteAsync(http);
        });
    }

    /// <summary>The bound HTTPS base address (port 0 resolved), e.g. <c>https://127.0.0.1:52342/</c>. Call after start.</summary>
    public static Uri Address(IServer server) =>
        Addresses(server).FirstOrDefault(a => a.Scheme == Uri.UriSchemeHttps)
        ?? throw new InvalidOperationException("The sandbox has no HTTPS (Key Vault) address; call StartAsync first.");

    public static IEnumerable<Uri> Addresses(IServer server) =>
        (server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a));
}
