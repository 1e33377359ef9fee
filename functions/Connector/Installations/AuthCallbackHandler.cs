using Azure;
using Connector.BigCommerce;
using Connector.Hosting;
using Connector.Orders;
using Connector.Secrets;
using Connector.Stores;
using Connector.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Installations;

/// <summary>
/// GET /api/bigcommerce/auth: a merchant installs the app (auth.mdx). Exchanges the code for the store's
/// token, keeps the token in Key Vault and records the installation, then shows the landing page. Bad input
/// is refused before anything is stored; a failure midway undoes what was done, so no half install remains.
/// </summary>
public sealed class AuthCallbackHandler(
    OAuthTokenClient login,
    StoreTokenVault vault,
    InstallationRegistry registry,
    AppUsers users,
    StoreSettings settings,
    WebhookSubscriptions webhooks,
    IOptions<BigCommerceAppOptions> app,
    IOptions<ConnectorOptions> connector,
    AppPages pages,
    ILogger<AuthCallbackHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query;
        string? code = query["code"], scope = query["scope"], context = query["context"], accountUuid = query["account_uuid"];
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(scope) || string.IsNullOrWhiteSpace(context) || string.IsNullOrWhiteSpace(accountUuid))
        {
            return pages.Problem(StatusCodes.Status400BadRequest, "Install request incomplete",
                "The install request lacks code, scope, context or account_uuid. Start the install again from the BigCommerce control panel.");
        }

        if (StoreHashOf(context) is not { } storeHash || !Guid.TryParse(accountUuid, out _))
        {
            return pages.Problem(StatusCodes.Status400BadRequest, "Install request malformed",
                "The install request's context or account_uuid is not what BigCommerce sends. Start the install again from the control panel.");
        }

        if (ScopeCheck.Missing(scope, app.Value.RequiredScopes) is { Count: > 0 } missing)
        {
            logger.LogWarning("Install of store {StoreHash} refused: scopes missing {MissingScopes}", storeHash, missing);
            return pages.Problem(StatusCodes.Status403Forbidden, "Permissions missing",
                $"The connector needs these permissions, which were not granted: {string.Join(", ", missing)}. Install the app again and approve them.");
        }

        OAuthGrant grant;
        try
        {
            grant = await login.ExchangeCodeAsync(code, scope, context, AuthCallbackUrl(), cancellationToken);
        }
        catch (OAuthCodeRejectedException ex)
        {
            logger.LogWarning("Install of store {StoreHash} refused by the login service: {Reason}", storeHash, ex.Message);
            return pages.Problem(StatusCodes.Status400BadRequest, "Install code refused",
                "BigCommerce did not accept this install request (it may have been used already). Start the install again from the control panel.");
        }
        catch (OAuthUnavailableException ex)
        {
            logger.LogWarning(ex, "Install of store {StoreHash} failed: the login service could not complete it", storeHash);
            return pages.Problem(StatusCodes.Status502BadGateway, "BigCommerce did not answer",
                "BigCommerce's login service could not complete the install just now. Nothing was saved; please install again in a few minutes.");
        }

        if (!string.Equals(grant.Context, context, StringComparison.Ordinal) || ScopeCheck.Missing(grant.Scope, app.Value.RequiredScopes).Count > 0)
        {
            return pages.Problem(StatusCodes.Status400BadRequest, "Install mismatch",
                "BigCommerce granted access to another store or with fewer permissions than requested. Nothing was saved; install again.");
        }

        return await CompleteAsync(storeHash, grant, accountUuid, cancellationToken);
    }

    private async Task<IResult> CompleteAsync(string storeHash, OAuthGrant grant, string accountUuid, CancellationToken cancellationToken)
    {
        try
        {
            await vault.SaveAsync(storeHash, grant.AccessToken, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogError("Install of store {StoreHash}: Key Vault refused the token ({Status} {Code})", storeHash, ex.Status, ex.ErrorCode);
            return pages.Problem(StatusCodes.Status503ServiceUnavailable, "Install not finished",
                "The connector could not store the store's credentials safely just now. Nothing was saved; please install again in a few minutes.");
        }

        try
        {
            var ownerId = grant.Owner?.Id ?? grant.User.Id;
            await registry.RecordInstallAsync(new InstallationDetails(storeHash, ConnectionModes.OAuth, grant.Scope, ownerId, grant.User.Id, accountUuid), cancellationToken);
            await users.AddAsync(storeHash, grant.User.Id, isOwner: grant.User.Id == ownerId, cancellationToken);
            if (ownerId != grant.User.Id)
            {
                await users.AddAsync(storeHash, ownerId, isOwner: true, cancellationToken);
            }

            await settings.CreateDefaultsAsync(storeHash, new OrderSettings(), cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            logger.LogError("Install of store {StoreHash}: recording the installation failed ({Status}); removing its token again", storeHash, ex.Status);
            await vault.DeleteAsync(storeHash, CancellationToken.None);
            return pages.Problem(StatusCodes.Status503ServiceUnavailable, "Install not finished",
                "The connector could not record the installation just now. Nothing was kept; please install again in a few minutes.");
        }

        logger.LogInformation("Store {StoreHash} installed the app (user {UserId})", storeHash, grant.User.Id);
        // Best effort: a failure here never fails the install; the first poll subscribes the store.
        await webhooks.TryEnsureAsync(storeHash, cancellationToken);
        return pages.Message("Connector installed",
            $"Store {storeHash} is connected. New orders flow to your back office within minutes; open the app from the Apps menu to see their progress.");
    }

    private Uri AuthCallbackUrl() =>
        new($"{(connector.Value.PublicBaseUrl ?? throw new InvalidOperationException("Connector:PublicBaseUrl is not set.")).ToString().TrimEnd('/')}/api/bigcommerce/auth");

    /// <summary>The hash in <c>stores/{hash}</c> (see <see cref="StoreContext"/>).</summary>
    public static string? StoreHashOf(string? context) => StoreContext.HashOf(context);
}
