using Connector.Hosting;
using Connector.Installations;
using Connector.Stores;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.MerchantPage;

/// <summary>
/// POST /api/app/console/store: the operator opens one store's page from the console. The page is the merchant's own
/// (same handlers, same checks), with a session naming the operator instead of a BigCommerce user.
/// </summary>
public sealed class ConsoleStoreHandler(
    PageAccess access, PageSessionTokens tokens, InstallationRegistry registry, StorePageRenderer renderer,
    IOptions<MerchantPageOptions> options, ILogger<ConsoleStoreHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (form, refusal) = await access.ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            return refusal!;
        }

        if (await tokens.ValidateConsoleAsync(form[PageSessionTokens.FormField].ToString()) is null)
        {
            return PageResults.Problem(options.Value, StatusCodes.Status401Unauthorized, "Session ended", "Your console session ended: sign in again.");
        }

        var storeHash = StoreContext.HashOf($"stores/{form["store"]}");
        var installation = storeHash is null ? null : await registry.FindAsync(storeHash, cancellationToken);
        if (installation is null || installation.Status == InstallationStatus.Uninstalled)
        {
            return PageResults.Problem(options.Value, StatusCodes.Status404NotFound, "No such store", "The connector does not work for that store.");
        }

        var token = tokens.Issue(installation.PartitionKey, userId: null);
        var session = (await tokens.ValidateAsync(token))!;
        logger.LogInformation("Operator console: opened the page of store {StoreHash}", installation.PartitionKey);
        return await renderer.RenderAsync(new PageCaller(session, token, installation, FormCollection.Empty), PageSections.Status, cancellationToken);
    }
}
