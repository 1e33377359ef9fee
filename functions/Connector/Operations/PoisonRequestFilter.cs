using Connector.Hosting;
using Connector.Installations;
using Microsoft.AspNetCore.Http;

namespace Connector.Operations;

/// <summary>The optional <c>queue</c> and <c>store</c> query parameters of the poison endpoints.</summary>
public sealed record PoisonRequestFilter(IReadOnlyList<string> Queues, string? StoreHash)
{
    /// <summary>The filter, or the 400 to answer for a queue or store hash that is not one.</summary>
    public static (PoisonRequestFilter? Filter, IResult? Invalid) From(HttpRequest request)
    {
        var queue = request.Query["queue"].ToString();
        var store = request.Query["store"].ToString();
        if (queue.Length > 0 && !QueueNames.All.Contains(queue, StringComparer.Ordinal))
        {
            return (null, Results.Problem(title: "Unknown queue", detail: $"queue must be one of: {string.Join(", ", QueueNames.All)}.", statusCode: StatusCodes.Status400BadRequest));
        }

        string? storeHash = null;
        if (store.Length > 0 && (storeHash = AuthCallbackHandler.StoreHashOf($"stores/{store}")) is null)
        {
            return (null, Results.Problem(title: "Invalid store", detail: "store must be a store hash such as abc123.", statusCode: StatusCodes.Status400BadRequest));
        }

        return (new PoisonRequestFilter(queue.Length > 0 ? [queue] : QueueNames.All, storeHash), null);
    }
}
