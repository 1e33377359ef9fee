using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Sandbox.Faults;

namespace Sandbox.KeyVault;

/// <summary>
/// What every Key Vault request goes through: counted under its route, then the bearer check
/// (401 with the challenge SecretClient's policy reads; checked before the body is read, since
/// that policy sends its first request without one), then any injected fault.
/// </summary>
public sealed class KeyVaultApiFilter(string endpoint) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var stats = http.RequestServices.GetRequiredService<KeyVaultStats>();
        stats.CountRequest(endpoint);

        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            stats.CountUnauthorized();
            return KeyVaultErrors.Unauthorized(http.Response, "AKV10000: Request is missing a Bearer or PoP token.");
        }
        var expected = http.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value.KeyVault.AccessToken;
        if (!TokenMatches(authorization["Bearer ".Length..].Trim(), expected))
        {
            stats.CountUnauthorized();
            return KeyVaultErrors.Unauthorized(http.Response, "AKV10022: Invalid token: the sandbox accepts only the token in Sandbox:KeyVault:AccessToken.");
        }

        var faults = http.RequestServices.GetRequiredService<FaultInjector>();
        return await faults.InvokeAsync(FaultTarget.KeyVault, http, KeyVaultFaultResponder.Instance, stats.InjectedFaults, () => next(context));
    }

    private static bool TokenMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

public static class KeyVaultApiFilterExtensions
{
    /// <summary>Serves the endpoint on the HTTPS listener only, behind the bearer check, counted under <paramref name="endpoint"/>.</summary>
    public static RouteHandlerBuilder KeyVaultApi(this RouteHandlerBuilder builder, string endpoint) =>
        builder.WithMetadata(KeyVaultListener.Route.Instance).AddEndpointFilter(new KeyVaultApiFilter(endpoint));
}
