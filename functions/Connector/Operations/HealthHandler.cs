using Connector.Hosting;
using Connector.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Operations;

/// <summary>
/// GET /api/health: whether storage answers, and the backlog and poison count of every queue the host binds; 503
/// while storage does not answer (within <see cref="ConnectorOptions.HealthTimeout"/>). For a person, a probe or an
/// alert. No admin key: it shows counts only; in Azure it takes a function key.
/// </summary>
public sealed class HealthHandler(
    ConnectorStorage storage,
    HostedQueues hostedQueues,
    IOptions<ConnectorOptions> options,
    TimeProvider time,
    ILogger<HealthHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Value.HealthTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            var counts = await Task.WhenAll(hostedQueues.Names.Select(async name =>
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
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Health check: storage did not answer");
            return Results.Json(new HealthReport("unavailable", null), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, QueueHealth>? Queues);

public sealed record QueueHealth(int ApproximateMessages, int Poison);
