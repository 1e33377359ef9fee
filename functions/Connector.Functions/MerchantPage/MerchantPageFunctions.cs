using Connector.MerchantPage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.MerchantPage;

/// <summary>
/// The app's page in the control panel (its first view is the load callback's), and the operator console that opens it
/// for stores connected by API account. Anonymous at the Functions level: a browser (in BigCommerce's iframe or not) has
/// no function key; each handler checks the page session the request carries, and the console its admin key.
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

    [Function("OperatorConsole")]
    public Task<IResult> Console([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PageRoutes.ConsoleRoute)] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<ConsoleHandler>(request);

    [Function("OperatorConsoleSignIn")]
    public Task<IResult> ConsoleSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.ConsoleRoute)] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<ConsoleHandler>(request);

    [Function("OperatorConsoleStore")]
    public Task<IResult> ConsoleStore([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = PageRoutes.ConsoleStoreRoute)] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<ConsoleStoreHandler>(request);
}
