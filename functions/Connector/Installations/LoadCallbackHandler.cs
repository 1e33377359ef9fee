using Connector.Hosting;
using Connector.MerchantPage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>
/// GET /api/bigcommerce/load: a user opens the app in the control panel. Once BigCommerce's JWT is verified, the app's
/// page is rendered with a short-lived session of its own (store and user), which every action on the page presents.
/// A user BigCommerce sends here that the connector has not seen yet was authorized by the store owner (users.mdx), so
/// they are provisioned.
/// </summary>
public sealed class LoadCallbackHandler(
    SignedCallback callback, AppUsers users, PageSessionTokens sessions, StorePageRenderer renderer, ILogger<LoadCallbackHandler> logger)
    : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await callback.VerifyAsync(request, "load", html: true, CallbackUse.Repeatable, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var (payload, installation) = caller;
        if (payload.UserId != installation.OwnerId && !await users.ExistsAsync(payload.StoreHash, payload.UserId, cancellationToken))
        {
            await users.AddAsync(payload.StoreHash, payload.UserId, isOwner: false, cancellationToken);
            logger.LogInformation("Store {StoreHash}: user {UserId} opened the app for the first time", payload.StoreHash, payload.UserId);
        }

        var token = sessions.Issue(payload.StoreHash, payload.UserId);
        var session = (await sessions.ValidateAsync(token))!;
        var page = new PageCaller(session, token, installation, FormCollection.Empty);
        return await renderer.RenderAsync(page, PageSections.Status, cancellationToken);
    }
}
