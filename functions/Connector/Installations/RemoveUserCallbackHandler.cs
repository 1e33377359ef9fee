using Connector.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>GET /api/bigcommerce/remove-user: the store owner revoked a user's access to the app.</summary>
public sealed class RemoveUserCallbackHandler(SignedCallback callback, AppUsers users, ILogger<RemoveUserCallbackHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await callback.VerifyAsync(request, "remove_user", html: false, CallbackUse.Once, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        await users.RemoveAsync(caller.Payload.StoreHash, caller.Payload.UserId, cancellationToken);
        await callback.RecordUseAsync(caller, cancellationToken);
        logger.LogInformation("Store {StoreHash}: user {UserId} may no longer open the app", caller.Payload.StoreHash, caller.Payload.UserId);
        return Results.Ok(new { store = caller.Payload.StoreHash, removedUser = caller.Payload.UserId });
    }
}
