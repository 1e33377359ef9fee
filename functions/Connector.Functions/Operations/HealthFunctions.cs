using Connector.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Connector.Functions.Operations;

/// <summary>Storage reachable, backlog and poison per queue (503 when storage does not answer); behind a function key.</summary>
public sealed class HealthFunctions
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request, FunctionContext context) =>
        context.HandleHttpAsync<HealthHandler>(request);
}
