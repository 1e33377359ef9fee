using Connector.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Connector.Operations;

/// <summary>
/// GET /api/operations/poison[?queue=orders&amp;store=abc123]: per poison queue, its count and up to 32 messages
/// (store, order id / SKU / flow, last error, attempts, when). Peeks only: nothing is taken off the queues.
/// Guarded by <c>X-Admin-Key</c>.
/// </summary>
public sealed class ListPoisonMessagesHandler(PoisonQueues poison, IOptions<ConnectorOptions> options) : IHttpRequestHandler
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

        var queues = new List<PoisonQueueView>();
        foreach (var queue in filter.Queues)
        {
            queues.Add(await poison.PeekAsync(queue, filter.StoreHash, cancellationToken));
        }

        return Results.Json(new { queues }, Storage.WorkQueue.Json);
    }
}
