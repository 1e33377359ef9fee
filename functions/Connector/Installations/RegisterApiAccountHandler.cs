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
        // The new token is proven with BigCommerce before it is written anywhere: a registration that fails (a wrong
        // token, BigCommerce or the vault down) must leave a store that already works exactly as it was. Nothing is
        // deleted on failure, ever: the vault holds either the old token or, once SaveAsync returned, the new one.
        try
        {
            await bigCommerce.CheckTokenAsync(storeHash, token, cancellationToken);
        }
        catch (StoreUnauthorizedException)
        {
            return Results.Problem(title: "Token refused",
                detail: $"BigCommerce refused this access token for store {storeHash}. Nothing was changed.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (StoreScopeMissingException)
        {
            // The token works but may not read orders: say which scope the API account needs, rather than "try again".
            return Results.Problem(title: "Scope missing",
                detail: $"BigCommerce accepted this access token for store {storeHash} but refused it the orders (403): give the API account " +
                        "the scope store_v2_orders (modify), and store_inventory, store_v2_products_read_only, store_v2_information_read_only. Nothing was changed.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BigCommerceApiException ex)
        {
            logger.LogWarning(ex, "Registering store {StoreHash} failed: BigCommerce could not check the token", storeHash);
            return NotRegistered("BigCommerce");
        }

        try
        {
            await vault.SaveAsync(storeHash, token, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning(ex, "Registering store {StoreHash} failed: Key Vault did not keep the token", storeHash);
            return NotRegistered("Key Vault");
        }

        await registry.RecordInstallAsync(new InstallationDetails(storeHash, ConnectionModes.ApiAccount, null, null, null, null), cancellationToken);
        await settings.CreateDefaultsAsync(storeHash, new OrderSettings { ExcludeCreatedBefore = ordersSince }, cancellationToken);
        logger.LogInformation("Store {StoreHash} connected with an API account", storeHash);
        await webhooks.TryEnsureAsync(storeHash, cancellationToken); // best effort; the first poll retries

        return Results.Created($"/api/stores/{storeHash}", new { storeHash, status = InstallationStatus.Active, connectionMode = ConnectionModes.ApiAccount });
    }

    private static IResult NotRegistered(string what) =>
        Results.Problem(title: "Not registered", detail: $"{what} could not be reached; nothing was changed. Try again.",
            statusCode: StatusCodes.Status503ServiceUnavailable);
}
