using System.Text.Json;
using Azure;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Operations;
using Connector.Orders;
using Connector.Secrets;
using Connector.Storage;
using Connector.Stores;
using Connector.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Installations;

/// <summary>The body of POST /api/stores. <see cref="OrdersSince"/>: pull orders created from then on (default: now).</summary>
public sealed record ApiAccountRegistration(string? StoreHash, string? AccessToken, DateTimeOffset? OrdersSince);

/// <summary>
/// POST /api/stores: connects a store with a store-level API account (the peers' "API key connection"):
/// an operator sends the store hash and the account's access token, with the admin key in
/// <c>X-Admin-Key</c>. The token is checked against BigCommerce, kept in Key Vault, never echoed.
/// </summary>
public sealed class RegisterApiAccountHandler(
    BigCommerceOrdersClient bigCommerce,
    StoreTokenVault vault,
    InstallationRegistry registry,
    StoreSettings settings,
    WebhookSubscriptions webhooks,
    IOptions<ConnectorOptions> options,
    ILogger<RegisterApiAccountHandler> logger) : IHttpRequestHandler
{
    public const string AdminKeyHeader = AdminKey.Header;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (AdminKey.Refusal(options.Value, request, "API-account registration") is { } refusal)
        {
            return refusal;
        }

        ApiAccountRegistration? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<ApiAccountRegistration>(request.Body, WorkQueue.Json, cancellationToken);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is not { StoreHash: { } rawHash, AccessToken.Length: > 0 } || AuthCallbackHandler.StoreHashOf($"stores/{rawHash}") is not { } storeHash)
        {
            return Results.Problem(title: "Invalid registration", detail: "Send JSON {\"storeHash\": \"abc123\", \"accessToken\": \"…\", \"ordersSince\": optional ISO date}.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await RegisterAsync(storeHash, body.AccessToken!, body.OrdersSince, cancellationToken);
    }

    private async Task<IResult> RegisterAsync(string storeHash, string token, DateTimeOffset? ordersSince, CancellationToken cancellationToken)
    {
        try
        {
            await vault.SaveAsync(storeHash, token, cancellationToken);
            // One cheap call proves the token works for this store before anything else is recorded.
            await bigCommerce.ListOrdersAsync(storeHash, new OrderPageRequest(DateTimeOffset.UtcNow), cancellationToken);
        }
        catch (StoreUnauthorizedException)
        {
            await vault.DeleteAsync(storeHash, CancellationToken.None);
            return Results.Problem(title: "Token refused", detail: $"BigCommerce refused this access token for store {storeHash}.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (ex is BigCommerceApiException or RequestFailedException)
        {
            await vault.DeleteAsync(storeHash, CancellationToken.None);
            logger.LogWarning("Registering store {StoreHash} failed: {Reason}", storeHash, ex.Message);
            return Results.Problem(title: "Not registered", detail: "BigCommerce or Key Vault could not be reached; nothing was kept. Try again.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        await registry.RecordInstallAsync(new InstallationDetails(storeHash, ConnectionModes.ApiAccount, null, null, null, null), cancellationToken);
        await settings.CreateDefaultsAsync(storeHash, new OrderSettings { ExcludeCreatedBefore = ordersSince }, cancellationToken);
        logger.LogInformation("Store {StoreHash} connected with an API account", storeHash);
        await webhooks.TryEnsureAsync(storeHash, cancellationToken); // best effort; the first poll retries

        return Results.Created($"/api/stores/{storeHash}", new { storeHash, status = InstallationStatus.Active, connectionMode = ConnectionModes.ApiAccount });
    }
}
