using Connector.MerchantPage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.MerchantPage;

/// <summary>
/// The app's page in the control panel (its first view is the load callback's). Anonymous at the Functions level: the
/// browser in BigCommerce's iframe has no function key; each handler checks the page session the request carries.
/// </summary>
public sealed class MerchantPageFunctions
{
    [Function("MerchantPage")]
    public Task<IResult> Page([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.PageRoute)] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<PageHandler>(request);

    [Function("MerchantPageSettings")]
    public Task<IResult> Settings([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.SettingsRoute)] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<SaveSettingsHandler>(request);

    [Function("MerchantPageActions")]
    public Task<IResult> Actions([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.ActionsRoute)] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<PageActionsHandler>(request);
}
