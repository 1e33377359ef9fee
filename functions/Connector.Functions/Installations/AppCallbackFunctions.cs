using Connector.Installations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Installations;

/// <summary>
/// The BigCommerce app's callbacks and API-account registration, on LocalHost's routes under /api/.
/// The callbacks are anonymous at the Functions level (BigCommerce sends no function key) and each handler checks
/// its signed payload or OAuth code; registering a store is an operator's call, so it takes a function key as well
/// as the admin key its handler checks.
/// </summary>
public sealed class AppCallbackFunctions
{
    [Function("BigCommerceAuth")]
    public Task<IResult> Auth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/auth")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<AuthCallbackHandler>(request);

    [Function("BigCommerceLoad")]
    public Task<IResult> Load([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/load")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<LoadCallbackHandler>(request);

    [Function("BigCommerceUninstall")]
    public Task<IResult> Uninstall([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/uninstall")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<UninstallCallbackHandler>(request);

    [Function("BigCommerceRemoveUser")]
    public Task<IResult> RemoveUser([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bigcommerce/remove-user")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<RemoveUserCallbackHandler>(request);

    [Function("RegisterApiAccountStore")]
    public Task<IResult> RegisterApiAccountStore([HttpTrigger(AuthorizationLevel.Function, "post", Route = "stores")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<RegisterApiAccountHandler>(request);
}
