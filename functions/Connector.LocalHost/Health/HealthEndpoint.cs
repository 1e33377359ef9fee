using Connector.Hosting;
using Connector.Storage;
using Microsoft.Extensions.Options;

namespace Connector.LocalHost.Health;

/// <summary>Backlog per queue, for a person or a compose health check; 503 while storage does not answer.</summary>
public static class HealthEndpoint
{
    public const string Route = "/api/health";

    public static IEndpointConventionBuilder MapHealthEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, GetAsync);

    private static async Task<IResult> GetAsync(
        ConnectorStorage storage,
        LocalHostTriggers triggers,
        IOptions<LocalHostOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken requestAborted)
    {
        using var timeout = new CancellationTokenSource(options.Value.HealthTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, requestAborted);
        try
        {
            var counts = await Task.WhenAll(triggers.QueueNamesToCreate().Select(async name =>
            {
                var main = storage.Queue(name).GetPropertiesAsync(linked.Token);
                var poison = storage.Queue(QueueNames.PoisonOf(name)).GetPropertiesAsync(linked.Token);
                return (name, health: new QueueHealth((await main).Value.ApproximateMessagesCount, (await poison).Value.ApproximateMessagesCount));
            }));

            var queues = new SortedDictionary<string, QueueHealth>(StringComparer.Ordinal);
            foreach (var (name, health) in counts)
            {
                queues[name] = health;
            }

            return Results.Json(new HealthReport("ok", queues));
        }
        catch (Exception ex) when (!requestAborted.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(HealthEndpoint).FullName!).LogWarning(ex, "Health check: storage did not answer");
            return Results.Json(new HealthReport("unavailable", null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, QueueHealth>? Queues);

public sealed record QueueHealth(int ApproximateMessages, int Poison);
