using Connector.Hosting;

namespace Connector.LocalHost.Http;

/// <summary>Serves each HTTP trigger on its Functions route (<c>/api/{route}</c>), handing the request to its handler as the Functions app does.</summary>
public static class HttpTriggerEndpoints
{
    public static void MapHttpTriggers(this IEndpointRouteBuilder endpoints, IEnumerable<HttpTrigger> triggers)
    {
        foreach (var trigger in triggers)
        {
            // A route handler (Delegate), so the IResult it returns is written to the response.
            Delegate handle = (HttpContext context) =>
                ((IHttpRequestHandler)context.RequestServices.GetRequiredService(trigger.Handler)).HandleAsync(context.Request, context.RequestAborted);
            endpoints.MapMethods(trigger.Path, [trigger.Method], handle).WithName(trigger.FunctionName);
        }
    }
}
