using Connector.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Operations;

/// <summary>
/// The operator's view of the poison queues, and their requeue once the cause is fixed. A function key (Functions
/// level) and the admin key (X-Admin-Key, checked by the handlers) are both required. Routes under operations/:
/// the host keeps admin/ for its own API.
/// </summary>
public sealed class PoisonFunctions
{
    [Function("ListPoisonMessages")]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "operations/poison")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<ListPoisonMessagesHandler>(request);

    [Function("RequeuePoisonMessages")]
    public Task<IResult> Requeue([HttpTrigger(AuthorizationLevel.Function, "post", Route = "operations/poison/requeue")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<RequeuePoisonMessagesHandler>(request);
}
