using Connector.Hosting;
using Connector.Secrets;
using Connector.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Connector.Installations;

/// <summary>
/// GET /api/bigcommerce/uninstall: the merchant removed the app. The token leaves Key Vault, the store gets
/// no more work; its history (ledger, cursors, settings) stays for a reinstall to resume from.
/// </summary>
public sealed class UninstallCallbackHandler(
    SignedCallback callback, StoreTokenVault vault, InstallationRegistry registry, WebhookSubscriptions webhooks, ILogger<UninstallCallbackHandler> logger)
    : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (caller, refusal) = await callback.VerifyAsync(request, "uninstall", html: false, CallbackUse.Once, cancellationToken);
        if (caller is null)
        {
            return refusal!;
        }

        var storeHash = caller.Payload.StoreHash;
        await registry.MarkUninstalledAsync(storeHash, cancellationToken);
        // While the token still works: nothing stays subscribed. If BigCommerce already revoked it, this is logged and skipped.
        await webhooks.TryRemoveAllAsync(storeHash, cancellationToken);
        await vault.DeleteAsync(storeHash, cancellationToken);
        await callback.RecordUseAsync(caller, cancellationToken);
        logger.LogInformation("Store {StoreHash} uninstalled the app (user {UserId}); its flows stop", storeHash, caller.Payload.UserId);
        return Results.Ok(new { store = storeHash, status = InstallationStatus.Uninstalled });
    }
}
