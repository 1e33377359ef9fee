using Connector.Hosting;

namespace Connector.LocalHost.Admin;

/// <summary>
/// <c>POST /admin/functions/{name}</c>: runs a timer function now, as the Functions host's admin API
/// does for non-HTTP functions. Answers once the run has finished, so a caller knows its fan-out is queued.
/// LocalHost listens on loopback; in Azure the same route needs the host's master key.
/// </summary>
public static class RunFunctionEndpoint
{
    public const string Route = "/admin/functions/{name}";

    public static IEndpointConventionBuilder MapRunFunctionEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Route, RunAsync);

    private static async Task<IResult> RunAsync(
        string name, LocalHostTriggers triggers, IServiceScopeFactory scopes, TimeProvider time, CancellationToken requestAborted)
    {
        var timer = triggers.Timers.FirstOrDefault(t => string.Equals(t.FunctionName, name, StringComparison.OrdinalIgnoreCase));
        if (timer is null)
        {
            return Results.Problem($"No timer function is named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        await using var scope = scopes.CreateAsyncScope();
        var handler = (ITimerHandler)scope.ServiceProvider.GetRequiredService(timer.Handler);
        await handler.RunAsync(new TimerTick(time.GetUtcNow(), IsPastDue: false), requestAborted);
        return Results.Accepted();
    }
}
