using Connector.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connector.Operations;

/// <summary>
/// POST /api/operations/poison/requeue[?queue=orders&amp;store=abc123]: once the cause is fixed, puts poison messages
/// back on the queue they came from (without the <c>poison</c> details) and removes them from poison. Answers the
/// counts per queue. Guarded by <c>X-Admin-Key</c>.
/// </summary>
public sealed class RequeuePoisonMessagesHandler(
    PoisonQueues poison,
    IOptions<ConnectorOptions> options,
    ILogger<RequeuePoisonMessagesHandler> logger) : IHttpRequestHandler
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (AdminKey.Refusal(options.Value, request, "the operations endpoints") is { } refusal)
        {
            return refusal;
        }

        var (filter, invalid) = PoisonRequestFilter.From(request);
        if (filter is null)
        {
            return invalid!;
        }

        var queues = new SortedDictionary<string, RequeueCounts>(StringComparer.Ordinal);
        foreach (var queue in filter.Queues)
        {
            queues[queue] = await poison.RequeueAsync(queue, filter.StoreHash, cancellationToken);
        }

        var requeued = queues.Values.Sum(c => c.Requeued);
        logger.LogWarning("Requeued {Requeued} poison message(s) (queue {QueueFilter}, store {StoreFilter})",
            requeued, request.Query["queue"].ToString() is { Length: > 0 } q ? q : "all", filter.StoreHash ?? "all");
        return Results.Json(new { requeued, queues }, Storage.WorkQueue.Json);
    }
}
